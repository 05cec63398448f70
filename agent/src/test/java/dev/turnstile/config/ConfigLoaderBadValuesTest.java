package dev.turnstile.config;

import static dev.turnstile.config.Loading.fromAgentArgs;
import static dev.turnstile.config.Loading.fromEnvironment;
import static dev.turnstile.config.Loading.fromSystemProperties;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bad key keeps its default and yields exactly one problem naming key, value and expectation. */
class ConfigLoaderBadValuesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // limits
        "providers.openai.limit=abc | turnstile.providers.openai.limit: \"abc\" is not a valid limit; expected a whole number ≥ 0 (0 = unlimited); keeping 0",
        "providers.openai.limit=-1 | turnstile.providers.openai.limit: \"-1\" is not a valid limit; expected a whole number ≥ 0 (0 = unlimited); keeping 0",
        "providers.openai.limit=99999999999 | turnstile.providers.openai.limit: \"99999999999\" is not a valid limit; expected a whole number ≥ 0 (0 = unlimited); keeping 0",
        "global.limit=-3 | turnstile.global.limit: \"-3\" is not a valid limit; expected a whole number ≥ 0 (0 = unlimited); keeping 0",
        "global.limit=2.5 | turnstile.global.limit: \"2.5\" is not a valid limit; expected a whole number ≥ 0 (0 = unlimited); keeping 0",
        // durations
        "providers.openai.max-hold=ten minutes | turnstile.providers.openai.max-hold: \"ten minutes\" is not a valid duration; expected a duration ≥ 0 such as 250ms, 30s, 10m, 1h, 0 or ISO-8601 PT30S; keeping 10m",
        "providers.openai.max-hold=0 | turnstile.providers.openai.max-hold: \"0\" is not a valid max hold; expected a duration > 0 such as 10m; keeping 10m",
        "providers.anthropic.queue-timeout=-1s | turnstile.providers.anthropic.queue-timeout: \"-1s\" is not a valid duration; expected a duration ≥ 0 such as 250ms, 30s, 10m, 1h, 0 or ISO-8601 PT30S; keeping 0",
        "priority.turn-idle=soon | turnstile.priority.turn-idle: \"soon\" is not a valid duration; expected a duration ≥ 0 such as 250ms, 30s, 10m, 1h, 0 or ISO-8601 PT30S; keeping 30s",
        "release-cooldown=5 | turnstile.release-cooldown: \"5\" is not a valid duration; expected a duration ≥ 0 such as 250ms, 30s, 10m, 1h, 0 or ISO-8601 PT30S (a number other than 0 needs a unit, e.g. 5s); keeping 0",
        "backoff.initial=PT-1S | turnstile.backoff.initial: \"PT-1S\" is not a valid duration; expected a duration ≥ 0 such as 250ms, 30s, 10m, 1h, 0 or ISO-8601 PT30S; keeping 1s",
        "backoff.max=0 | turnstile.backoff.max: \"0\" is not a valid maximum backoff; expected a duration > 0 such as 60s; keeping 1m",
        "backoff.recovery=0s | turnstile.backoff.recovery: \"0s\" is not a valid recovery period; expected a duration > 0 such as 30s; keeping 30s",
        // hosts
        "providers.openai.hosts= | turnstile.providers.openai.hosts: \"\" is not a valid host list; expected a comma list of host, host:port, *.domain or [IPv6]:port (e.g. api.openai.com, localhost:11434, *.openai.azure.com, [::1]:8080); keeping api.openai.com",
        "providers.mine.hosts= , | turnstile.providers.mine.hosts: \",\" is not a valid host list; expected a comma list of host, host:port, *.domain or [IPv6]:port (e.g. api.openai.com, localhost:11434, *.openai.azure.com, [::1]:8080); provider mine left out",
        "providers.together.hosts=api.together.ai,https://api.together.xyz/v1 | turnstile.providers.together.hosts: \"https://api.together.xyz/v1\" is not a valid host pattern (give the host only, not a URL or a path); expected host, host:port, *.domain or [IPv6]:port (e.g. api.openai.com, localhost:11434, *.openai.azure.com, [::1]:8080); keeping api.together.xyz,api.together.ai",
        "providers.mine.hosts=llm:99999 | turnstile.providers.mine.hosts: \"llm:99999\" is not a valid host pattern (the port \"99999\" is not a number from 1 to 65535); expected host, host:port, *.domain or [IPv6]:port (e.g. api.openai.com, localhost:11434, *.openai.azure.com, [::1]:8080); provider mine left out",
        "providers.mine.limit=3 | turnstile.providers.mine.hosts: missing; expected a comma list of host, host:port, *.domain or [IPv6]:port (e.g. api.openai.com, localhost:11434, *.openai.azure.com, [::1]:8080); provider mine left out",
        // methods and paths
        "providers.openai.methods=PO$T | turnstile.providers.openai.methods: \"PO$T\" is not a valid HTTP method; expected an HTTP method such as POST or GET, or * for all; keeping POST",
        "providers.openai.methods=GET POST | turnstile.providers.openai.methods: \"GET POST\" is not a valid HTTP method; expected an HTTP method such as POST or GET, or * for all; keeping POST",
        "providers.openai.methods= | turnstile.providers.openai.methods: \"\" is not a valid method list; expected a comma list of HTTP methods such as POST or GET,POST, or * for all; keeping POST",
        "providers.openai.paths=/v1/chat,v1/responses | turnstile.providers.openai.paths: \"v1/responses\" is not a valid path prefix; expected a path prefix starting with / (e.g. /v1/chat/completions); keeping all paths",
        // backoff statuses
        "backoff.statuses=429,600 | turnstile.backoff.statuses: \"600\" is not a valid HTTP status; expected HTTP statuses from 100 to 599 (e.g. 429,529); keeping 429,529",
        "backoff.statuses=too-many | turnstile.backoff.statuses: \"too-many\" is not a valid HTTP status; expected HTTP statuses from 100 to 599 (e.g. 429,529); keeping 429,529",
        "backoff.statuses= | turnstile.backoff.statuses: \"\" is not a valid status list; expected a comma list of HTTP statuses from 100 to 599 (e.g. 429,529); keeping 429,529",
        // booleans
        "enabled=yes | turnstile.enabled: \"yes\" is not a valid boolean; expected true or false; keeping true",
        "presets=maybe | turnstile.presets: \"maybe\" is not a valid boolean; expected true or false; keeping true",
        "backoff.adaptive=1 | turnstile.backoff.adaptive: \"1\" is not a valid boolean; expected true or false; keeping true",
        "persist=sure | turnstile.persist: \"sure\" is not a valid boolean; expected true or false; keeping false",
        // priority and logging
        "priority.agent=process | turnstile.priority.agent: \"process\" is not a valid agent identity; expected thread, none or header:<Name> (e.g. header:X-Agent-Id); keeping thread",
        "priority.agent=header: | turnstile.priority.agent: \"header:\" is not a valid agent identity; expected thread, none or header:<Name> (e.g. header:X-Agent-Id); keeping thread",
        "priority.turn-header=X Turn | turnstile.priority.turn-header: \"X Turn\" is not a valid header name; expected an HTTP header name such as X-Turn-Start; keeping none",
        "log.level=verbose | turnstile.log.level: \"verbose\" is not a valid log level; expected one of trace, debug, info, warn, error, off; keeping info",
        // unknown keys name the nearest known key
        "global.limt=4 | turnstile.global.limt: unknown key, ignored; did you mean turnstile.global.limit?",
        "enable=false | turnstile.enable: unknown key, ignored; did you mean turnstile.enabled?",
        "backoff.status=429 | turnstile.backoff.status: unknown key, ignored; did you mean turnstile.backoff.statuses?",
        "release.cooldown=1s | turnstile.release.cooldown: unknown key, ignored; did you mean turnstile.release-cooldown?",
        "providers.openai.limt=4 | turnstile.providers.openai.limt: unknown key, ignored; did you mean turnstile.providers.openai.limit?",
        "providers.azure-openai.maxhold=1m | turnstile.providers.azure-openai.maxhold: unknown key, ignored; did you mean turnstile.providers.azure-openai.max-hold?",
        "provider.openai.limit=4 | turnstile.provider.openai.limit: unknown key, ignored; did you mean turnstile.providers.openai.limit?",
        "providers.openai=api.openai.com | turnstile.providers.openai: unknown key, ignored; did you mean turnstile.providers.openai.hosts?",
        // provider ids
        "providers.Open_AI.limit=3 | turnstile.providers.Open_AI.limit: \"Open_AI\" is not a valid provider id; expected lower case letters, digits and '-', starting with a letter or digit (e.g. openai, azure-openai); ignored",
        // agent argument syntax
        "global.limit | agent argument \"global.limit\": expected KEY=VALUE, with ';' between settings (e.g. providers.openai.limit=4); ignored",
        "=4 | agent argument \"=4\": expected KEY=VALUE, with ';' between settings (e.g. providers.openai.limit=4); ignored",
        // a pair that is fine alone but not together
        "backoff.initial=2m | turnstile.backoff.initial: 2m is greater than turnstile.backoff.max 1m; expected initial ≤ max; keeping the defaults 1s and 1m",
    })
    void badValueKeepsTheDefaultAndIsReportedOnce(String agentArgs, String expectedProblem) {
        LoadedConfig loaded = fromAgentArgs(agentArgs);

        assertThat(loaded.problems()).containsExactly(expectedProblem);
        assertThat(loaded.config()).isEqualTo(TurnstileConfig.defaults());
    }

    @Test
    void aBadValueIsReportedTheSameWayFromEverySource() {
        String problem = "turnstile.providers.openai.limit: \"abc\" is not a valid limit;"
                + " expected a whole number ≥ 0 (0 = unlimited); keeping 0";

        assertThat(fromSystemProperties(Map.of("turnstile.providers.openai.limit", "abc")).problems())
                .containsExactly(problem);
        assertThat(fromEnvironment(Map.of("TURNSTILE_PROVIDERS_OPENAI_LIMIT", "abc")).problems())
                .containsExactly(problem);
    }

    @Test
    void aBadValueKeepsThePresetValueNotTheGenericDefault() {
        LoadedConfig loaded = fromAgentArgs("providers.ollama.hosts=;providers.ollama.limit=2");

        assertThat(loaded.problems()).singleElement().asString().endsWith("keeping localhost:11434");
        assertThat(loaded.config().providers().get("ollama").hosts()).containsExactly(HostPattern.parse("localhost:11434"));
        assertThat(loaded.config().providers().get("ollama").limit()).isEqualTo(2);
    }

    @Test
    void eachBadKeyIsOneProblemAndTheGoodKeysStillApply() {
        LoadedConfig loaded = fromAgentArgs(
                "global.limit=x; providers.openai.limit=4; log.level=loud; providers.openai.max-hold=never; enabled=false");

        assertThat(loaded.problems()).hasSize(3)
                .anySatisfy(p -> assertThat(p).startsWith("turnstile.global.limit:"))
                .anySatisfy(p -> assertThat(p).startsWith("turnstile.log.level:"))
                .anySatisfy(p -> assertThat(p).startsWith("turnstile.providers.openai.max-hold:"));
        assertThat(loaded.config().enabled()).isFalse();
        assertThat(loaded.config().providers().get("openai").limit()).isEqualTo(4);
    }

    @Test
    void aLeftOutProviderStillHasItsOtherBadKeysReported() {
        LoadedConfig loaded = fromAgentArgs("providers.mine.limit=-1");

        assertThat(loaded.problems()).hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith("turnstile.providers.mine.limit: \"-1\""))
                .anySatisfy(p -> assertThat(p).startsWith("turnstile.providers.mine.hosts: missing"));
        assertThat(loaded.config().providers()).doesNotContainKey("mine");
    }

    @Test
    void unexpectedFailuresBecomeAProblemAndTheDefaults() {
        Map<String, String> brokenEnvironment = new java.util.AbstractMap<>() {
            @Override
            public java.util.Set<Entry<String, String>> entrySet() {
                throw new IllegalStateException("environment exploded");
            }
        };

        LoadedConfig loaded = ConfigLoader.load("global.limit=3", Map.of(), brokenEnvironment, Loading.NO_FILES);

        assertThat(loaded.config()).isEqualTo(TurnstileConfig.defaults());
        assertThat(loaded.problems()).singleElement().asString()
                .startsWith("unexpected error while reading the configuration")
                .contains("environment exploded")
                .endsWith("using the defaults");
    }

    @Test
    void nullSourcesAreEmptySources() {
        LoadedConfig loaded = ConfigLoader.load(null, null, null, Loading.NO_FILES);

        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.config()).isEqualTo(TurnstileConfig.defaults());
    }
}
