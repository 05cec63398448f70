package dev.turnstile.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PresetsTest {

    @Test
    void listsTheBuiltInProvidersInTheirFixedOrder() {
        assertThat(Presets.ids()).containsExactly("openai", "anthropic", "gemini", "mistral", "groq", "deepseek",
                "xai", "openrouter", "together", "fireworks", "cohere", "perplexity", "azure-openai", "ollama");
    }

    @Test
    void everyPresetIsUnlimitedWithTheDefaultGating() {
        assertThat(Presets.all()).allSatisfy(preset -> {
            assertThat(preset.limit()).isZero();
            assertThat(preset.methods()).containsExactly("POST");
            assertThat(preset.paths()).isEmpty();
        });
    }

    @Test
    void presetHostsAreThePublicApiHosts() {
        assertThat(Presets.all().stream().collect(Collectors.toMap(ProviderConfig::id, p -> p.hosts().toString())))
                .containsEntry("openai", "[api.openai.com]")
                .containsEntry("anthropic", "[api.anthropic.com]")
                .containsEntry("gemini", "[generativelanguage.googleapis.com]")
                .containsEntry("mistral", "[api.mistral.ai]")
                .containsEntry("groq", "[api.groq.com]")
                .containsEntry("deepseek", "[api.deepseek.com]")
                .containsEntry("xai", "[api.x.ai]")
                .containsEntry("openrouter", "[openrouter.ai]")
                .containsEntry("together", "[api.together.xyz, api.together.ai]")
                .containsEntry("fireworks", "[api.fireworks.ai]")
                .containsEntry("cohere", "[api.cohere.com, api.cohere.ai]")
                .containsEntry("perplexity", "[api.perplexity.ai]")
                .containsEntry("azure-openai", "[*.openai.azure.com]")
                .containsEntry("ollama", "[localhost:11434]");
    }

    @Test
    void azureMatchesAnyResourceAndOllamaOnlyItsPort() {
        assertThat(Presets.get("azure-openai").orElseThrow().matchesHost("my-res.openai.azure.com", 443)).isTrue();
        assertThat(Presets.get("ollama").orElseThrow().matchesHost("localhost", 11434)).isTrue();
        assertThat(Presets.get("ollama").orElseThrow().matchesHost("localhost", 8080)).isFalse();
    }

    @Test
    void knowsWhichIdsArePresets() {
        assertThat(Presets.isPreset("openai")).isTrue();
        assertThat(Presets.isPreset("my-proxy")).isFalse();
        assertThat(Presets.get("my-proxy")).isEmpty();
    }
}
