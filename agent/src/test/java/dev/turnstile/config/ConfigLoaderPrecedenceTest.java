package dev.turnstile.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Agent arguments over system properties over environment over the properties file over defaults. */
class ConfigLoaderPrecedenceTest {

    private static final Path FILE = Path.of("/etc/turnstile.properties");

    private String agentArgs;
    private final Map<String, String> systemProperties = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();
    private String fileText = "";

    private LoadedConfig load() {
        environment.put("TURNSTILE_CONFIG", FILE.toString());
        ConfigFileReader reader = path -> {
            if (!path.equals(FILE)) {
                throw new NoSuchFileException(path.toString());
            }
            return fileText;
        };
        return ConfigLoader.load(agentArgs, systemProperties, environment, reader);
    }

    private int globalLimitWith(boolean args, boolean sysProps, boolean env, boolean file) {
        agentArgs = args ? "global.limit=1" : null;
        systemProperties.clear();
        if (sysProps) {
            systemProperties.put("turnstile.global.limit", "2");
        }
        environment.clear();
        if (env) {
            environment.put("TURNSTILE_GLOBAL_LIMIT", "3");
        }
        fileText = file ? "turnstile.global.limit=4\n" : "";
        LoadedConfig loaded = load();
        assertThat(loaded.problems()).isEmpty();
        return loaded.config().globalLimit();
    }

    @Test
    void eachSourceWinsOverTheOnesBelowIt() {
        assertThat(globalLimitWith(true, true, true, true)).isEqualTo(1);
        assertThat(globalLimitWith(false, true, true, true)).isEqualTo(2);
        assertThat(globalLimitWith(false, false, true, true)).isEqualTo(3);
        assertThat(globalLimitWith(false, false, false, true)).isEqualTo(4);
        assertThat(globalLimitWith(false, false, false, false)).isZero();
    }

    @Test
    void aHigherSourceWinsEvenWhenALowerOneIsSkippedInBetween() {
        assertThat(globalLimitWith(true, false, false, true)).isEqualTo(1);
        assertThat(globalLimitWith(false, true, false, true)).isEqualTo(2);
        assertThat(globalLimitWith(true, false, true, false)).isEqualTo(1);
    }

    @Test
    void keysFromDifferentSourcesCombine() {
        agentArgs = "providers.openai.limit=4";
        systemProperties.put("turnstile.providers.openai.max-hold", "2m");
        environment.put("TURNSTILE_PROVIDERS_OPENAI_QUEUE_TIMEOUT", "30s");
        fileText = "providers.openai.methods=POST,GET\nlog.level=debug\n";

        LoadedConfig loaded = load();

        ProviderConfig openai = loaded.config().providers().get("openai");
        assertThat(loaded.problems()).isEmpty();
        assertThat(openai.limit()).isEqualTo(4);
        assertThat(openai.maxHold()).isEqualTo(Duration.ofMinutes(2));
        assertThat(openai.queueTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(openai.methods()).containsExactly("GET", "POST");
        assertThat(loaded.config().logLevel()).isEqualTo("debug");
        assertThat(loaded.config().configFile()).contains(FILE);
    }

    @Test
    void aBadValueInAHigherSourceFallsBackToTheDefaultNotToALowerSource() {
        agentArgs = "global.limit=lots";
        systemProperties.put("turnstile.global.limit", "2");

        LoadedConfig loaded = load();

        assertThat(loaded.config().globalLimit()).isZero();
        assertThat(loaded.problems()).singleElement().asString().startsWith("turnstile.global.limit: \"lots\"");
    }

    @Test
    void aBadValueInALowerSourceIsNotReportedWhenAHigherSourceOverridesIt() {
        agentArgs = "global.limit=5";
        systemProperties.put("turnstile.global.limit", "lots");
        environment.put("TURNSTILE_GLOBAL_LIMIT", "-1");

        LoadedConfig loaded = load();

        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.config().globalLimit()).isEqualTo(5);
    }

    @Test
    void onlyTurnstileSystemPropertiesAndVariablesAreRead() {
        systemProperties.put("java.version", "17");
        systemProperties.put("turnstileX.enabled", "false");
        systemProperties.put("TURNSTILE_ENABLED", "false");
        environment.put("PATH", "/usr/bin");
        environment.put("turnstile.enabled", "false");

        LoadedConfig loaded = load();

        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.config().enabled()).isTrue();
    }

    @Test
    void systemPropertiesNeedTheirPrefixWhileAgentArgumentsMayLeaveItOut() {
        agentArgs = "turnstile.global.limit=6;presets=false";

        TurnstileConfig config = load().config();

        assertThat(config.globalLimit()).isEqualTo(6);
        assertThat(config.presets()).isFalse();
    }

    @Test
    void disabledStillGivesAFullConfiguration() {
        agentArgs = "enabled=false;providers.openai.limit=3;global.limit=9";

        LoadedConfig loaded = load();

        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.config().enabled()).isFalse();
        assertThat(loaded.config().globalLimit()).isEqualTo(9);
        assertThat(loaded.config().providers()).containsKeys(Presets.ids().toArray(new String[0]));
        assertThat(loaded.config().providers().get("openai").limit()).isEqualTo(3);
    }

    @Test
    void everyKnownKeyIsReadFromEachSource() {
        agentArgs = "priority.agent=header:X-Agent; priority.turn-header=X-Turn-Start; persist=true";
        systemProperties.put("turnstile.priority.turn-idle", "PT1M");
        systemProperties.put("turnstile.backoff.statuses", "429, 503");
        systemProperties.put("turnstile.backoff.initial", "500ms");
        environment.put("TURNSTILE_BACKOFF_MAX", "2m");
        environment.put("TURNSTILE_BACKOFF_ADAPTIVE", "FALSE");
        environment.put("TURNSTILE_BACKOFF_RECOVERY", "45s");
        fileText = "release-cooldown=250ms\nturnstile.log.level=WARN\n";

        LoadedConfig loaded = load();

        TurnstileConfig config = loaded.config();
        assertThat(loaded.problems()).isEmpty();
        assertThat(config.agentIdentity()).isEqualTo(AgentIdentity.header("X-Agent"));
        assertThat(config.turnHeader()).contains("X-Turn-Start");
        assertThat(config.persist()).isTrue();
        assertThat(config.turnIdle()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.backoff().statuses()).containsExactly(429, 503);
        assertThat(config.backoff().initial()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.backoff().max()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.backoff().adaptive()).isFalse();
        assertThat(config.backoff().recovery()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.releaseCooldown()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.logLevel()).isEqualTo("warn");
    }
}
