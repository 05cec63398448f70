package dev.turnstile.config;

import static dev.turnstile.config.Loading.fromAgentArgs;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentArgumentsTest {

    @Test
    void readsKeyValuePairsSeparatedBySemicolonsWithOrWithoutPrefix() {
        List<String> problems = new ArrayList<>();

        assertThat(AgentArguments.settings("global.limit=4;turnstile.enabled=false", problems))
                .containsEntry("turnstile.global.limit", "4")
                .containsEntry("turnstile.enabled", "false")
                .hasSize(2);
        assertThat(problems).isEmpty();
    }

    @Test
    void trimsWhitespaceAndSkipsEmptySegments() {
        List<String> problems = new ArrayList<>();

        assertThat(AgentArguments.settings(" ; global.limit = 4 ;; ;log.level= debug;", problems))
                .containsExactly(java.util.Map.entry("turnstile.global.limit", "4"),
                        java.util.Map.entry("turnstile.log.level", "debug"));
        assertThat(problems).isEmpty();
    }

    @Test
    void aValueMayContainEqualsSigns() {
        assertThat(AgentArguments.settings("priority.agent=header:X=Y", new ArrayList<>()))
                .containsEntry("turnstile.priority.agent", "header:X=Y");
    }

    @Test
    void theLaterOfTwoEqualKeysWins() {
        assertThat(fromAgentArgs("global.limit=1;global.limit=2").config().globalLimit()).isEqualTo(2);
    }

    @Test
    void aSegmentWithoutEqualsIsAProblemAndTheRestStillApplies() {
        LoadedConfig loaded = fromAgentArgs("global.limit=3;verbose;providers.openai.limit=2");

        assertThat(loaded.problems()).singleElement().asString().startsWith("agent argument \"verbose\": expected KEY=VALUE");
        assertThat(loaded.config().globalLimit()).isEqualTo(3);
        assertThat(loaded.config().providers().get("openai").limit()).isEqualTo(2);
    }

    @Test
    void noArgumentsMeansNoSettings() {
        assertThat(AgentArguments.settings(null, new ArrayList<>())).isEmpty();
        assertThat(AgentArguments.settings("", new ArrayList<>())).isEmpty();
        assertThat(fromAgentArgs("  ").problems()).isEmpty();
    }
}
