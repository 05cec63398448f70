package dev.turnstile.config;

import static org.assertj.core.api.Assertions.assertThat;

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
}
