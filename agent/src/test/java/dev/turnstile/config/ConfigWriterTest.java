package dev.turnstile.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigWriterTest {

    private static final Path FILE = Path.of("/etc/turnstile.properties");

    /** Loads the written text as the properties file, the way the agent would after a restart. */
    private static LoadedConfig reload(TurnstileConfig config) {
        String text = ConfigWriter.toText(config);
        return ConfigLoader.load("config=" + FILE, Map.of(), Map.of(), path -> text);
    }

    @Test
    void theDefaultsWriteNothing() {
        assertThat(ConfigWriter.toProperties(TurnstileConfig.defaults())).isEmpty();
    }

    @Test
    void writesOnlyWhatDiffersFromTheDefaultsAndThePresets() {
        TurnstileConfig config = TurnstileConfig.defaults().withGlobalLimit(8)
                .withProvider(Presets.get("openai").orElseThrow().withLimit(4))
                .withProvider(ProviderConfig.builder("vllm").hosts("gpu1:8000").limit(2).build());

        assertThat(ConfigWriter.toProperties(config)).containsExactly(
                entry("turnstile.global.limit", "8"),
                entry("turnstile.providers.openai.limit", "4"),
                entry("turnstile.providers.vllm.hosts", "gpu1:8000"),
                entry("turnstile.providers.vllm.limit", "2"));
    }

    @Test
    void everyValueSurvivesAWriteAndAReload() {
        TurnstileConfig config = TurnstileConfig.builder()
                .enabled(false)
                .globalLimit(12)
                .agentIdentity(AgentIdentity.header("X-Agent-Id"))
                .turnHeader(Optional.of("X-Turn-Start"))
                .turnIdle(Duration.ofSeconds(90))
                .backoff(BackoffConfig.builder().statuses(List.of(429, 503)).initial(Duration.ofMillis(250))
                        .max(Duration.ofMinutes(5)).adaptive(false).recovery(Duration.ofMinutes(1)).build())
                .releaseCooldown(Duration.ofMillis(50))
                .logLevel("debug")
                .persist(true)
                .provider(Presets.get("azure-openai").orElseThrow().withMaxHold(Duration.ofHours(1)))
                .provider(ProviderConfig.builder("my-proxy").hosts("proxy.internal:8443", "[::1]:9000", "*.llm.internal")
                        .limit(3).methods("POST", "PUT").paths("/v1/chat", "/v1/embeddings")
                        .queueTimeout(Duration.ofSeconds(20)).build())
                .build();

        LoadedConfig reloaded = reload(config);

        assertThat(reloaded.problems()).isEmpty();
        assertThat(reloaded.config()).isEqualTo(config.toBuilder().configFile(Optional.of(FILE)).build());
    }

    @Test
    void removedPresetsAreWrittenAsPresetsOffWithEveryProviderListed() {
        TurnstileConfig config = TurnstileConfig.defaults().withoutProvider("openai").withoutProvider("ollama")
                .withProvider(Presets.get("anthropic").orElseThrow().withMethods(List.of("*")));

        Map<String, String> properties = ConfigWriter.toProperties(config);
        LoadedConfig reloaded = reload(config);

        assertThat(properties).containsEntry("turnstile.presets", "false")
                .containsEntry("turnstile.providers.anthropic.hosts", "api.anthropic.com")
                .containsEntry("turnstile.providers.anthropic.methods", "*")
                .doesNotContainKeys("turnstile.providers.openai.hosts", "turnstile.providers.ollama.hosts");
        assertThat(reloaded.problems()).isEmpty();
        assertThat(reloaded.config().providers()).isEqualTo(config.providers());
    }

    @Test
    void presetsOffSurvivesAWriteAndAReload() {
        TurnstileConfig config = TurnstileConfig.builder().presets(false)
                .providers(List.of(ProviderConfig.builder("openai").hosts("gateway.internal").build()))
                .build();

        LoadedConfig reloaded = reload(config);

        assertThat(reloaded.problems()).isEmpty();
        assertThat(reloaded.config()).isEqualTo(config.toBuilder().configFile(Optional.of(FILE)).build());
    }

    @Test
    void neverWritesTheConfigKeyItself() {
        TurnstileConfig config = TurnstileConfig.builder().configFile(Optional.of(FILE)).build();

        assertThat(ConfigWriter.toProperties(config)).isEmpty();
    }
}
