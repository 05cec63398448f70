package dev.turnstile.config;

import static dev.turnstile.config.Loading.fromAgentArgs;
import static dev.turnstile.config.Loading.fromEnvironment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code turnstile.providers.<id>.breaker-failures}: read, checked, suggested and written back. */
class ProviderBreakerConfigTest {

    private static ProviderConfig openai(LoadedConfig loaded) {
        return loaded.config().provider("openai").orElseThrow();
    }

    @Test
    void offByDefault() {
        assertThat(openai(fromAgentArgs("")).breakerFailures()).isZero();
    }

    @Test
    void readFromAgentArgumentsAndEnvironment() {
        assertThat(openai(fromAgentArgs("providers.openai.breaker-failures=3")).breakerFailures()).isEqualTo(3);
        assertThat(openai(fromEnvironment(Map.of("TURNSTILE_PROVIDERS_OPENAI_BREAKER_FAILURES", "5")))
                .breakerFailures()).isEqualTo(5);
    }

    @Test
    void aBadValueIsReportedOnceAndKeepsTheBreakerOff() {
        LoadedConfig loaded = fromAgentArgs("providers.openai.breaker-failures=three");

        assertThat(loaded.problems()).containsExactly("turnstile.providers.openai.breaker-failures: \"three\" is not a "
                + "valid breaker failure count; expected a whole number ≥ 0 (0 = off); keeping 0");
        assertThat(openai(loaded).breakerFailures()).isZero();
    }

    @Test
    void aMisspelledKeyNamesTheRightOne() {
        assertThat(fromAgentArgs("providers.openai.breaker-failure=3").problems()).containsExactly(
                "turnstile.providers.openai.breaker-failure: unknown key, ignored; "
                        + "did you mean turnstile.providers.openai.breaker-failures?");
        assertThat(fromEnvironment(Map.of("TURNSTILE_PROVIDERS_OPENAI_BREAKER_FAILURE", "3")).problems()).containsExactly(
                "TURNSTILE_PROVIDERS_OPENAI_BREAKER_FAILURE: unknown environment variable, ignored; "
                        + "did you mean TURNSTILE_PROVIDERS_OPENAI_BREAKER_FAILURES?");
    }

    @Test
    void aNegativeCountIsRefusedByTheBuilder() {
        assertThatThrownBy(() -> ProviderConfig.builder("vllm").hosts("gpu1:8000").breakerFailures(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1 is not a valid breaker failure count; expected a whole number ≥ 0 (0 = off)");
    }

    @Test
    void writtenBackWhenSetAndReadAgain() {
        TurnstileConfig config = TurnstileConfig.defaults()
                .withProvider(Presets.get("openai").orElseThrow().withBreakerFailures(4));

        assertThat(ConfigWriter.toProperties(config))
                .containsExactly(entry("turnstile.providers.openai.breaker-failures", "4"));
        String text = ConfigWriter.toText(config);
        LoadedConfig reloaded = ConfigLoader.load("config=/tmp/t.properties", Map.of(), Map.of(), path -> text);
        assertThat(openai(reloaded).breakerFailures()).isEqualTo(4);
    }
}
