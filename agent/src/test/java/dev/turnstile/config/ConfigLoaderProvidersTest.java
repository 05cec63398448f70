package dev.turnstile.config;

import static dev.turnstile.config.Loading.fromAgentArgs;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Presets on and off, preset overrides, and user-defined providers. */
class ConfigLoaderProvidersTest {

    @Test
    void presetsAreRegisteredByDefault() {
        LoadedConfig loaded = fromAgentArgs(null);

        assertThat(loaded.config().providers().keySet()).containsExactlyElementsOf(Presets.ids());
        assertThat(loaded.config().providers().values()).containsExactlyElementsOf(Presets.all());
    }

    @Test
    void aPresetsKeysOverrideThePresetOnly() {
        LoadedConfig loaded = fromAgentArgs("providers.openai.limit=4;providers.openai.hosts=api.openai.com,eu.api.openai.com");

        ProviderConfig openai = loaded.config().providers().get("openai");
        assertThat(loaded.problems()).isEmpty();
        assertThat(openai.limit()).isEqualTo(4);
        assertThat(openai.hosts()).extracting(HostPattern::toString).containsExactly("api.openai.com", "eu.api.openai.com");
        assertThat(openai.maxHold()).isEqualTo(Duration.ofMinutes(10));
        assertThat(loaded.config().providers().get("anthropic")).isEqualTo(Presets.get("anthropic").orElseThrow());
        assertThat(loaded.config().providers().keySet()).containsExactlyElementsOf(Presets.ids());
    }

    @Test
    void presetsOffDropsThemAll() {
        LoadedConfig loaded = fromAgentArgs("presets=false");

        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.config().presets()).isFalse();
        assertThat(loaded.config().providers()).isEmpty();
    }

    @Test
    void presetsOffKeepsAPresetIdThatIsGivenHosts() {
        LoadedConfig loaded = fromAgentArgs("presets=false;providers.openai.hosts=llm-gateway.internal;providers.openai.limit=2");

        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.config().providers()).containsOnlyKeys("openai");
        assertThat(loaded.config().providers().get("openai").hosts())
                .containsExactly(HostPattern.parse("llm-gateway.internal"));
    }

    @Test
    void presetsOffLeavesOutAPresetIdWithoutHostsAndSaysWhy() {
        LoadedConfig loaded = fromAgentArgs("presets=false;providers.anthropic.limit=2");

        assertThat(loaded.problems()).singleElement().asString()
                .startsWith("turnstile.providers.anthropic.hosts: missing (presets are off, so the built-in hosts"
                        + " of anthropic are not used)")
                .endsWith("provider anthropic left out");
        assertThat(loaded.config().providers()).isEmpty();
    }

    @Test
    void aUserProviderGetsEveryKey() {
        LoadedConfig loaded = fromAgentArgs("providers.vllm.hosts=gpu1:8000,gpu2:8000; providers.vllm.limit=16;"
                + "providers.vllm.methods=*; providers.vllm.paths=/v1/completions,/v1/chat;"
                + "providers.vllm.max-hold=1h; providers.vllm.queue-timeout=2m");

        ProviderConfig vllm = loaded.config().providers().get("vllm");
        assertThat(loaded.problems()).isEmpty();
        assertThat(vllm.hosts()).extracting(HostPattern::toString).containsExactly("gpu1:8000", "gpu2:8000");
        assertThat(vllm.limit()).isEqualTo(16);
        assertThat(vllm.methods()).containsExactly("*");
        assertThat(vllm.paths()).containsExactly("/v1/completions", "/v1/chat");
        assertThat(vllm.maxHold()).isEqualTo(Duration.ofHours(1));
        assertThat(vllm.queueTimeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void userProvidersFollowThePresetsInIdOrder() {
        LoadedConfig loaded = fromAgentArgs("providers.zeta.hosts=z.example;providers.alpha.hosts=a.example;"
                + "providers.ollama.limit=1");

        assertThat(loaded.config().providers().keySet()).startsWith("openai").endsWith("ollama", "alpha", "zeta");
    }

    @Test
    void aPathsValueOfStarOrNothingGatesEveryPath() {
        assertThat(fromAgentArgs("providers.openai.paths=*").config().providers().get("openai").paths()).isEmpty();
        assertThat(fromAgentArgs("providers.openai.paths=").config().providers().get("openai").paths()).isEmpty();
    }

    @Test
    void aNearMissOfABuiltInProviderIdAsksWhetherThePresetWasMeant() {
        LoadedConfig loaded = fromAgentArgs("providers.opnai.limit=4");

        assertThat(loaded.problems()).singleElement().asString()
                .contains("providers.opnai.hosts: missing", "provider opnai left out",
                        "did you mean the built-in provider openai?");
        assertThat(loaded.config().providers()).doesNotContainKey("opnai");
    }

    @Test
    void aNewIdFarFromEveryPresetIsNotTakenForATypo() {
        LoadedConfig loaded = fromAgentArgs("providers.inhouse.limit=4");

        assertThat(loaded.problems()).singleElement().asString()
                .contains("providers.inhouse.hosts: missing").doesNotContain("did you mean");
    }

    @Test
    void settingsJoinedByACommaAreReportedWithTheSeparatorThatWasMeant() {
        LoadedConfig unknown = fromAgentArgs("limit=4,global.limit=6");
        LoadedConfig known = fromAgentArgs("providers.openai.limit=4,global.limit=6");

        assertThat(unknown.problems()).singleElement().asString()
                .contains("unknown key", "settings are separated by ';', not ','");
        assertThat(known.problems()).singleElement().asString()
                .contains("providers.openai.limit", "keeping 0", "settings are separated by ';', not ','");
        assertThat(fromAgentArgs("providers.openai.limit=four").problems()).singleElement().asString()
                .doesNotContain("separated");
    }
}
