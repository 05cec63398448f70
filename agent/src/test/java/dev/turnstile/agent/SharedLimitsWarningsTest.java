package dev.turnstile.agent;

import dev.turnstile.config.ConfigLoader;
import dev.turnstile.config.TurnstileConfig;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SharedLimitsWarningsTest {

    private static TurnstileConfig config(String... keysAndValues) {
        Map<String, String> properties = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return ConfigLoader.load(null, properties, Map.of()).config();
    }

    @Test
    void aBudgetNextToARedisUrlIsNamedForEachProviderThatHasOne() {
        TurnstileConfig config = config("turnstile.redis.url", "redis://cache.internal",
                "turnstile.providers.ollama.rpm", "30", "turnstile.providers.openai.tpm", "200000",
                "turnstile.providers.anthropic.limit", "4");

        assertThat(SharedLimitsWarnings.of(config)).hasSize(2)
                .anySatisfy(w -> assertThat(w).startsWith("providers.ollama.rpm and .tpm are not applied with shared limits"))
                .anySatisfy(w -> assertThat(w).startsWith("providers.openai.rpm and .tpm are not applied"));
    }

    @Test
    void budgetsWithoutSharedLimitsAndSharedLimitsWithoutBudgetsSayNothing() {
        assertThat(SharedLimitsWarnings.of(config("turnstile.providers.ollama.rpm", "30"))).isEmpty();
        assertThat(SharedLimitsWarnings.of(config("turnstile.redis.url", "redis://cache.internal",
                "turnstile.providers.openai.limit", "8"))).isEmpty();
    }
}
