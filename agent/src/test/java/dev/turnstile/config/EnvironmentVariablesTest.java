package dev.turnstile.config;

import static dev.turnstile.config.Loading.fromEnvironment;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class EnvironmentVariablesTest {

    @ParameterizedTest
    @EnumSource(TopLevelKey.class)
    void everyTopLevelKeyHasItsUpperCaseUnderscoreName(TopLevelKey key) {
        String name = key.key().toUpperCase().replace('.', '_').replace('-', '_');

        assertThat(EnvironmentVariables.keyFor(name)).isEqualTo(key.key());
    }

    @ParameterizedTest
    @CsvSource({
        "TURNSTILE_PRIORITY_TURN_HEADER, turnstile.priority.turn-header",
        "TURNSTILE_RELEASE_COOLDOWN, turnstile.release-cooldown",
        "TURNSTILE_LOG_LEVEL, turnstile.log.level",
        "TURNSTILE_PROVIDERS_OPENAI_LIMIT, turnstile.providers.openai.limit",
        "TURNSTILE_PROVIDERS_OPENAI_HOSTS, turnstile.providers.openai.hosts",
        "TURNSTILE_PROVIDERS_OPENAI_METHODS, turnstile.providers.openai.methods",
        "TURNSTILE_PROVIDERS_OPENAI_PATHS, turnstile.providers.openai.paths",
        "TURNSTILE_PROVIDERS_AZURE_OPENAI_MAX_HOLD, turnstile.providers.azure-openai.max-hold",
        "TURNSTILE_PROVIDERS_AZURE_OPENAI_QUEUE_TIMEOUT, turnstile.providers.azure-openai.queue-timeout",
        "TURNSTILE_PROVIDERS_MY_LOCAL_LLM_LIMIT, turnstile.providers.my-local-llm.limit",
        "TURNSTILE_PROVIDERS_LIMIT_LIMIT, turnstile.providers.limit.limit",
        "TURNSTILE_PROVIDERS_X2_HOSTS, turnstile.providers.x2.hosts",
    })
    void mapsNamesBackToKeysByTheirShape(String name, String key) {
        assertThat(EnvironmentVariables.keyFor(name)).isEqualTo(key);
    }

    @ParameterizedTest
    @CsvSource({"TURNSTILE_PROVIDERS_LIMIT", "TURNSTILE_PROVIDERS__LIMIT", "TURNSTILE_PROVIDERS_OPENAI_RATE",
        "TURNSTILE_GLOBAL", "TURNSTILE_"})
    void namesWithoutAKnownShapeMapToNothing(String name) {
        assertThat(EnvironmentVariables.keyFor(name)).isNull();
    }

    @Test
    void hyphenatedProviderIdsAreConfiguredThroughTheEnvironment() {
        LoadedConfig loaded = fromEnvironment(Map.of(
                "TURNSTILE_PROVIDERS_AZURE_OPENAI_MAX_HOLD", "2m",
                "TURNSTILE_PROVIDERS_AZURE_OPENAI_LIMIT", "6",
                "TURNSTILE_PROVIDERS_MY_PROXY_HOSTS", "proxy.internal:8443",
                "TURNSTILE_PROVIDERS_MY_PROXY_QUEUE_TIMEOUT", "PT5S"));

        assertThat(loaded.problems()).isEmpty();
        ProviderConfig azure = loaded.config().providers().get("azure-openai");
        assertThat(azure.maxHold()).isEqualTo(Duration.ofMinutes(2));
        assertThat(azure.limit()).isEqualTo(6);
        ProviderConfig proxy = loaded.config().providers().get("my-proxy");
        assertThat(proxy.hosts()).containsExactly(HostPattern.parse("proxy.internal:8443"));
        assertThat(proxy.queueTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void valuesAreTrimmed() {
        assertThat(fromEnvironment(Map.of("TURNSTILE_GLOBAL_LIMIT", " 7 ")).config().globalLimit()).isEqualTo(7);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "TURNSTILE_GLOBAL_LIMT | TURNSTILE_GLOBAL_LIMIT",
        "TURNSTILE_ENABLE | TURNSTILE_ENABLED",
        "TURNSTILE_PROVIDERS_OPENAI_LIMT | TURNSTILE_PROVIDERS_OPENAI_LIMIT",
        "TURNSTILE_PROVIDERS_AZURE_OPENAI_MAXHOLD | TURNSTILE_PROVIDERS_AZURE_OPENAI_MAX_HOLD",
        "TURNSTILE_PROVIDER_OPENAI_LIMIT | TURNSTILE_PROVIDERS_OPENAI_LIMIT",
        "TURNSTILE_PROVIDERS_OPENAI | TURNSTILE_PROVIDERS_OPENAI_HOSTS",
        "TURNSTILE_BACKOFF_STATUS | TURNSTILE_BACKOFF_STATUSES",
    })
    void anUnknownVariableIsOneProblemNamingTheNearestKnownName(String name, String suggestion) {
        LoadedConfig loaded = fromEnvironment(Map.of(name, "1"));

        assertThat(loaded.problems())
                .containsExactly(name + ": unknown environment variable, ignored; did you mean " + suggestion + "?");
        assertThat(loaded.config()).isEqualTo(TurnstileConfig.defaults());
    }
}
