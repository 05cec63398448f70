package dev.turnstile.console.text;

import dev.turnstile.console.model.AgentRow;
import dev.turnstile.console.model.ProviderStatus;
import dev.turnstile.console.model.Status;
import dev.turnstile.console.terminal.WatchScreen;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatusReportTest {

    private static ProviderStatus provider(String id, int limit, int inFlight, int queued, boolean paused, long left) {
        return new ProviderStatus(id, id + ".example.com", limit, limit, inFlight, queued, paused, left, 10, 8, 0, 2, 1,
                0, 0, 12.0, 340.0, 900.0, 2000.0, paused ? "paused by an operator" : "");
    }

    private static final Status STATUS = new Status("1234", 0, true, 0, 5, 3,
            List.of(provider("openai", 4, 3, 3, false, 0), provider("anthropic", 0, 2, 0, true, 12_300)),
            List.of(new AgentRow("worker-1#20", "openai", 0, 65_000, 7, 1, 0)));

    @Test
    void statusIsASummaryAndAnAlignedTable() {
        List<String> lines = StatusReport.render(STATUS).lines().toList();
        assertThat(lines.get(0)).isEqualTo("Turnstile on 1234: enabled, global limit unlimited, 5 in flight, 3 queued");
        assertThat(lines.get(2)).matches("PROVIDER +LIMIT +EFFECTIVE +IN FLIGHT +QUEUED +PAUSED +429s +RECLAIMED +WAIT P50 +WAIT P99  HOSTS");
        assertThat(lines.get(3).split("\\s{2,}")).containsExactly("openai", "4", "4", "3", "3", "no", "2", "1",
                "12ms", "340ms", "openai.example.com");
        assertThat(lines.get(4)).contains("unlimited", "yes, 12.3s left");
    }

    @Test
    void agentsShowTheTurnAge() {
        assertThat(StatusReport.agents(STATUS.agents()).lines().get(1).split("\\s{2,}"))
                .containsExactly("worker-1#20", "openai", "1m05s", "7", "1", "0");
    }

    @Test
    void watchFramesHaveBars() {
        List<String> frame = new WatchScreen(false, false, 200).render(STATUS);
        assertThat(frame).anySatisfy(line -> assertThat(line).startsWith("openai").contains("[###############.....] 3/4"));
        assertThat(frame).anySatisfy(line -> assertThat(line).startsWith("anthropic").contains("[##                  ] 2/-"));
        assertThat(new WatchScreen(true, true, 200).render(STATUS))
                .anySatisfy(line -> assertThat(line).contains("███████████████░░░░░] 3/4"));
        assertThat(new WatchScreen(false, false, 40).render(STATUS)).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(40));
    }
}
