package dev.turnstile.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TurnstileConfigTest {

    private final TurnstileConfig defaults = TurnstileConfig.defaults();

    private static ProviderConfig provider(String id, String... hosts) {
        return ProviderConfig.builder(id).hosts(hosts).build();
    }

    @Test
    void defaultsMatchTheReadmeConfigurationTable() {
        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.presets()).isTrue();
        assertThat(defaults.providers().keySet()).containsExactlyElementsOf(Presets.ids());
        assertThat(defaults.globalLimit()).isZero();
        assertThat(defaults.agentIdentity()).isEqualTo(AgentIdentity.thread());
        assertThat(defaults.turnHeader()).isEmpty();
        assertThat(defaults.turnIdle()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.backoff()).isEqualTo(BackoffConfig.defaults());
        assertThat(defaults.releaseCooldown()).isZero();
        assertThat(defaults.logLevel()).isEqualTo("info");
        assertThat(defaults.configFile()).isEmpty();
        assertThat(defaults.persist()).isFalse();
    }

    @Test
    void copiesChangeOneValueAndLeaveTheOriginalAlone() {
        TurnstileConfig changed = defaults.withEnabled(false).withGlobalLimit(8);

        assertThat(changed.enabled()).isFalse();
        assertThat(changed.globalLimit()).isEqualTo(8);
        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.globalLimit()).isZero();
        assertThat(changed).isNotEqualTo(defaults);
        assertThat(changed.withEnabled(true).withGlobalLimit(0)).isEqualTo(defaults).hasSameHashCodeAs(defaults);
    }

    @Test
    void rejectsANegativeGlobalLimit() {
        assertThatThrownBy(() -> defaults.withGlobalLimit(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-1 is not a valid limit; expected a whole number ≥ 0 (0 = unlimited)");
    }

    @Test
    void withProviderReplacesInPlaceOrAddsAfterThePresetsInIdOrder() {
        TurnstileConfig changed = defaults
                .withProvider(provider("zeta", "zeta.example"))
                .withProvider(defaults.provider("openai").orElseThrow().withLimit(4))
                .withProvider(provider("alpha", "alpha.example"));

        assertThat(changed.providers().get("openai").limit()).isEqualTo(4);
        assertThat(changed.providers().keySet()).startsWith("openai", "anthropic").endsWith("ollama", "alpha", "zeta");
        assertThat(defaults.providers().get("openai").limit()).isZero();
        assertThat(defaults.providers()).doesNotContainKey("alpha");
    }

    @Test
    void withoutPresetsEveryProviderIsInIdOrder() {
        TurnstileConfig config = TurnstileConfig.builder().presets(false)
                .providers(List.of(provider("zeta", "z.example"), provider("openai", "api.openai.com"),
                        provider("alpha", "a.example")))
                .build();

        assertThat(config.providers().keySet()).containsExactly("alpha", "openai", "zeta");
    }

    @Test
    void withoutProviderRemovesItAndRejectsAnUnknownId() {
        TurnstileConfig changed = defaults.withoutProvider("ollama");

        assertThat(changed.providers()).doesNotContainKey("ollama").hasSize(Presets.ids().size() - 1);
        assertThat(defaults.providers()).containsKey("ollama");
        assertThatThrownBy(() -> changed.withoutProvider("ollama"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("\"ollama\" is not a configured provider; expected one of openai, anthropic");
    }

    @Test
    void nullValuesAreRejectedAsBadValuesNotAsNullPointers() {
        assertThatThrownBy(() -> defaults.withProvider(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("null is not a valid provider");
        assertThatThrownBy(() -> defaults.withoutProvider(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.toBuilder().agentIdentity(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.toBuilder().turnIdle(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void providersCannotBeChangedFromOutside() {
        assertThatThrownBy(() -> defaults.providers().remove("openai"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void providerForPicksTheClosestMatch() {
        TurnstileConfig config = defaults
                .withProvider(provider("eu-azure", "eu.openai.azure.com"))
                .withProvider(provider("local-8080", "localhost:8080"))
                .withProvider(provider("local", "localhost"));

        assertThat(config.providerFor("eu.openai.azure.com", 443)).map(ProviderConfig::id).contains("eu-azure");
        assertThat(config.providerFor("us.openai.azure.com", 443)).map(ProviderConfig::id).contains("azure-openai");
        assertThat(config.providerFor("localhost", 8080)).map(ProviderConfig::id).contains("local-8080");
        assertThat(config.providerFor("localhost", 11434)).map(ProviderConfig::id).contains("ollama");
        assertThat(config.providerFor("localhost", 9000)).map(ProviderConfig::id).contains("local");
        assertThat(config.providerFor("example.com", 443)).isEmpty();
    }

    @Test
    void builderValidatesEachValue() {
        TurnstileConfig.Builder builder = TurnstileConfig.builder();

        assertThatThrownBy(() -> builder.logLevel("verbose"))
                .hasMessage("\"verbose\" is not a valid log level; expected one of trace, debug, info, warn, error, off");
        assertThatThrownBy(() -> builder.turnHeader(Optional.of("X Turn"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.turnIdle(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.releaseCooldown(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(builder.logLevel("WARN").build().logLevel()).isEqualTo("warn");
    }

    @Test
    void equalityCoversEveryValue() {
        TurnstileConfig.Builder base = TurnstileConfig.builder();
        List<TurnstileConfig> variants = List.of(
                base.build().toBuilder().presets(false).build(),
                base.build().toBuilder().agentIdentity(AgentIdentity.none()).build(),
                base.build().toBuilder().turnHeader(Optional.of("X-Turn")).build(),
                base.build().toBuilder().turnIdle(Duration.ofSeconds(5)).build(),
                base.build().toBuilder().backoff(BackoffConfig.defaults().withAdaptive(false)).build(),
                base.build().toBuilder().releaseCooldown(Duration.ofMillis(5)).build(),
                base.build().toBuilder().logLevel("debug").build(),
                base.build().toBuilder().configFile(Optional.of(Path.of("t.properties"))).build(),
                base.build().toBuilder().persist(true).build());

        assertThat(variants).allSatisfy(variant -> assertThat(variant).isNotEqualTo(defaults));
    }

    @Test
    void toStringNamesTheValuesInConfigurationForm() {
        assertThat(defaults.withGlobalLimit(3).toString())
                .contains("globalLimit=3", "agentIdentity=thread", "turnIdle=30s", "logLevel=info",
                        "ProviderConfig{openai, hosts=[api.openai.com]");
    }
}
