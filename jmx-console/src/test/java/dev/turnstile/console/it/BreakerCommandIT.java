package dev.turnstile.console.it;

import dev.turnstile.console.it.support.Cli;
import dev.turnstile.console.it.support.Fixture;
import dev.turnstile.console.it.support.Jmx;
import org.openqa.selenium.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code set-breaker} and the overload breaker in {@code status} (text and JSON), against a child JVM. */
class BreakerCommandIT {

    private static Fixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = Fixture.get();
    }

    @AfterEach
    void turnOff() throws Exception {
        fixture.jmx.set(Jmx.provider("llm"), "BreakerFailures", 0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void setBreakerTurnsItOnAndStatusShowsIt() throws Exception {
        Cli set = Cli.run("set-breaker", fixture.pid(), "llm", "4");

        assertThat(set.exitCode).as(set.toString()).isZero();
        assertThat(set.out).contains("llm: overload breaker off -> 4 failures");
        assertThat(fixture.jmx.get(Jmx.provider("llm"), "BreakerFailures")).isEqualTo(4);
        Cli text = Cli.run("status", fixture.pid());
        assertThat(text.out).as(text.toString()).contains("overload breakers: llm closed (0 of 4 failures, opened 0 times)");
        Cli json = Cli.run("status", fixture.pid(), "--json");
        Map<String, Object> status = new Json().toType(json.out, Json.MAP_TYPE);
        List<Map<String, Object>> providers = (List<Map<String, Object>>) status.get("providers");
        Map<String, Object> llm = providers.stream().filter(p -> "llm".equals(p.get("id"))).findFirst().orElseThrow();
        assertThat((Map<String, Object>) llm.get("breaker")).containsEntry("state", "closed")
                .containsKeys("failures", "consecutiveFailures", "opened");
    }

    @Test
    void aCountThatIsNotAWholeNumberIsOneLineAndChangesNothing() throws Exception {
        Cli cli = Cli.run("set-breaker", fixture.pid(), "llm", "lots");

        assertThat(cli.exitCode).as(cli.toString()).isEqualTo(2);
        assertThat(cli.errLines()).as(cli.toString()).hasSize(1);
        assertThat(cli.err).contains("bad failure count 'lots'", "0 = off");
        assertThat(fixture.jmx.get(Jmx.provider("llm"), "BreakerFailures")).isEqualTo(0);
    }
}
