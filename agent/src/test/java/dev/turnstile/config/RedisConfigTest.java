package dev.turnstile.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code turnstile.redis.*} keys: parsed, checked, and the password never shown. */
class RedisConfigTest {

    private static LoadedConfig load(Map<String, String> properties) {
        return ConfigLoader.load(null, properties, Map.of(), Loading.NO_FILES);
    }

    @Test
    void withoutAUrlThereAreNoSharedLimits() {
        LoadedConfig loaded = load(Map.of("turnstile.redis.namespace", "team-a", "turnstile.redis.password", "s3cret"));

        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.config().redis()).isEmpty();
        assertThat(TurnstileConfig.defaults().redis()).isEmpty();
    }

    @Test
    void aPlainUrlGivesHostPortAndDatabaseWithDefaults() {
        RedisSettings redis = load(Map.of("turnstile.redis.url", "redis://cache.internal")).config().redis().orElseThrow();

        assertThat(redis.url().tls()).isFalse();
        assertThat(redis.url().host()).isEqualTo("cache.internal");
        assertThat(redis.url().port()).isEqualTo(6379);
        assertThat(redis.url().database()).isZero();
        assertThat(redis.url().user()).isEmpty();
        assertThat(redis.password()).isEmpty();
        assertThat(redis.namespace()).isEqualTo("default");
    }

    @Test
    void aTlsUrlCarriesItsUserPasswordPortAndDatabase() {
        RedisSettings redis = load(Map.of("turnstile.redis.url", "rediss://svc:p%40ss:w0rd@10.0.0.5:6380/3",
                "turnstile.redis.namespace", "openai-prod")).config().redis().orElseThrow();

        assertThat(redis.url().tls()).isTrue();
        assertThat(redis.url().host()).isEqualTo("10.0.0.5");
        assertThat(redis.url().port()).isEqualTo(6380);
        assertThat(redis.url().database()).isEqualTo(3);
        assertThat(redis.url().user()).contains("svc");
        assertThat(redis.password()).contains("p@ss:w0rd");
        assertThat(redis.namespace()).isEqualTo("openai-prod");
    }

    @Test
    void thePasswordKeyWinsOverTheUrlsAndMayComeFromTheEnvironment() {
        LoadedConfig loaded = ConfigLoader.load(null, Map.of("turnstile.redis.url", "redis://:inurl@cache"),
                Map.of("TURNSTILE_REDIS_PASSWORD", "from-env"), Loading.NO_FILES);

        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.config().redis().orElseThrow().password()).contains("from-env");
    }

    @Test
    void thePasswordIsNeverShownInTheConfigurationsText() {
        TurnstileConfig config = load(Map.of("turnstile.redis.url", "rediss://svc:topsecret@cache:6380/1")).config();
        TurnstileConfig withKey = load(Map.of("turnstile.redis.url", "redis://cache", "turnstile.redis.password", "topsecret"))
                .config();

        assertThat(config.toString()).doesNotContain("topsecret").contains("rediss://svc:***@cache:6380/1");
        assertThat(withKey.toString()).doesNotContain("topsecret").contains("password set");
        assertThat(TopLevelKey.REDIS_PASSWORD.currentText(new ConfigDraft(withKey))).isEqualTo("(set)");
    }

    @Test
    void aBadUrlIsNamedWithoutItsPassword() {
        LoadedConfig loaded = load(Map.of("turnstile.redis.url", "http://svc:topsecret@cache:6379"));
        LoadedConfig unparsable = load(Map.of("turnstile.redis.url", "redis://svc:top secret@cache"));

        assertThat(loaded.problems()).singleElement().asString()
                .startsWith("turnstile.redis.url: \"http://svc:***@cache:6379\" is not a valid Redis URL; expected redis://")
                .doesNotContain("topsecret");
        assertThat(unparsable.problems()).singleElement().asString().doesNotContain("secret");
        assertThat(loaded.config().redis()).isEmpty();
    }

    @Test
    void aBadPasswordIsRefusedWithoutShowingIt() {
        LoadedConfig loaded = load(Map.of("turnstile.redis.url", "redis://cache", "turnstile.redis.password", "top\nsecret"));

        assertThat(loaded.problems()).singleElement().asString()
                .isEqualTo("turnstile.redis.password: \"(hidden)\" is not a valid Redis password; expected printable characters, "
                        + "without control characters or line breaks; keeping none");
    }

    @Test
    void aNamespaceMustFitInARedisHashTag() {
        LoadedConfig loaded = load(Map.of("turnstile.redis.url", "redis://cache", "turnstile.redis.namespace", "{team}"));

        assertThat(loaded.problems()).singleElement().asString()
                .startsWith("turnstile.redis.namespace: \"{team}\" is not a valid Redis namespace; expected 1 to 64 letters");
        assertThat(loaded.config().redis().orElseThrow().namespace()).isEqualTo("default");
    }

    @Test
    void theRedisKeysAreNeverWrittenBackToAFile() {
        TurnstileConfig config = load(Map.of("turnstile.redis.url", "redis://svc:topsecret@cache",
                "turnstile.redis.password", "other", "turnstile.redis.namespace", "team")).config();

        assertThat(ConfigWriter.toProperties(config)).doesNotContainKeys("turnstile.redis.url", "turnstile.redis.password",
                "turnstile.redis.namespace");
        assertThat(ConfigWriter.manages("turnstile.redis.password")).as("a user's line stays as written").isFalse();
    }

    @Test
    void theTimingsDefaultToAQuarterSecondATenSecondLeaseAndOneInstance() {
        RedisSettings.Timings timings = load(Map.of("turnstile.redis.url", "redis://cache")).config().redis().orElseThrow()
                .timings();

        assertThat(timings.timeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(timings.lease()).isEqualTo(Duration.ofSeconds(10));
        assertThat(timings.expectedInstances()).isEqualTo(1);
    }

    @Test
    void theTimingsAreRead() {
        LoadedConfig loaded = load(Map.of("turnstile.redis.url", "redis://cache", "turnstile.redis.timeout", "100ms",
                "turnstile.redis.lease", "PT3S", "turnstile.redis.expected-instances", "4"));

        assertThat(loaded.problems()).isEmpty();
        RedisSettings.Timings timings = loaded.config().redis().orElseThrow().timings();
        assertThat(timings.timeout()).isEqualTo(Duration.ofMillis(100));
        assertThat(timings.lease()).isEqualTo(Duration.ofSeconds(3));
        assertThat(timings.expectedInstances()).isEqualTo(4);
        assertThat(loaded.config().toString()).contains("timeout 100ms, lease 3s, expected instances 4");
    }

    @Test
    void badTimingsAreNamedWithWhatWasExpectedAndKeepTheirDefaults() {
        LoadedConfig loaded = load(Map.of("turnstile.redis.url", "redis://cache", "turnstile.redis.timeout", "0",
                "turnstile.redis.lease", "50ms", "turnstile.redis.expected-instances", "0"));

        assertThat(loaded.problems()).containsExactlyInAnyOrder(
                "turnstile.redis.timeout: \"0\" is not a valid Redis timeout; expected a duration from 1ms to 1m, the longest "
                        + "a call may wait on one Redis round trip, such as 250ms; keeping 250ms",
                "turnstile.redis.lease: \"50ms\" is not a valid Redis lease; expected a duration from 100ms to 1h (a JVM "
                        + "renews it ten times per lease), such as 10s; keeping 10s",
                "turnstile.redis.expected-instances: \"0\" is not a valid number of expected instances; expected a whole "
                        + "number ≥ 1 (the JVMs sharing the limits); keeping 1");
        assertThat(loaded.config().redis().orElseThrow().timings()).isEqualTo(RedisSettings.Timings.DEFAULTS);
    }

    @Test
    void theTimingsAreNeverWrittenBackToAFile() {
        TurnstileConfig config = load(Map.of("turnstile.redis.url", "redis://cache", "turnstile.redis.lease", "3s")).config();

        assertThat(ConfigWriter.toProperties(config)).doesNotContainKeys("turnstile.redis.timeout", "turnstile.redis.lease",
                "turnstile.redis.expected-instances");
    }
}
