package dev.turnstile.config;

import static dev.turnstile.config.Loading.fromAgentArgs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code providers.<id>.rpm} and {@code .tpm}: read, checked, suggested and written back. */
class ProviderBudgetKeysTest {

    @Test
    void rpmAndTpmAreReadPerProviderAndDefaultToOff() {
        LoadedConfig loaded = fromAgentArgs("providers.ollama.rpm=30;providers.ollama.tpm=200000");

        assertThat(loaded.problems()).isEmpty();
        ProviderConfig ollama = loaded.config().providers().get("ollama");
        assertThat(ollama.rpm()).isEqualTo(30);
        assertThat(ollama.tpm()).isEqualTo(200_000);
        assertThat(loaded.config().providers().get("openai").rpm()).isZero();
        assertThat(loaded.config().providers().get("openai").tpm()).isZero();
    }

    @Test
    void aBadBudgetIsReportedOnceNamingKeyValueAndExpectation() {
        LoadedConfig loaded = fromAgentArgs("providers.ollama.rpm=60/min;providers.ollama.limit=2");

        assertThat(loaded.problems()).singleElement().asString()
                .isEqualTo("turnstile.providers.ollama.rpm: \"60/min\" is not a valid rpm; expected a whole number"
                        + " ≥ 0 per minute (0 = off); keeping 0");
        assertThat(loaded.config().providers().get("ollama").limit()).isEqualTo(2);
    }

    @Test
    void aMistypedBudgetKeyIsSuggested() {
        LoadedConfig loaded = fromAgentArgs("providers.ollama.tmp=1000");

        assertThat(loaded.problems()).singleElement().asString().contains("providers.ollama.tpm");
    }

    @Test
    void theWriterKeepsBudgetsThatDifferFromThePreset() {
        TurnstileConfig config = fromAgentArgs("providers.ollama.rpm=30;providers.ollama.tpm=5000").config();

        assertThat(ConfigWriter.toProperties(config)).containsOnly(
                java.util.Map.entry("turnstile.providers.ollama.rpm", "30"),
                java.util.Map.entry("turnstile.providers.ollama.tpm", "5000"));
    }

    @Test
    void aNegativeBudgetInCodeIsRefused() {
        ProviderConfig.Builder builder = ProviderConfig.builder("mine").hosts("llm:8000");

        assertThatThrownBy(() -> builder.rpm(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1 is not a valid rpm");
        assertThatThrownBy(() -> builder.tpm(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1 is not a valid tpm");
    }
}
