package dev.turnstile.console.text;

import dev.turnstile.console.model.AgentRow;
import dev.turnstile.console.model.ProviderStatus;
import dev.turnstile.console.model.Status;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatusReportTest {

    private static ProviderStatus provider(String id, int limit, int inFlight, int queued, boolean paused, long left) {
        return new ProviderStatus(id, id + ".example.com", limit, limit, inFlight, queued, paused, left, 10, 8, 0, 2, 1,
                1, 0, 0, 12.0, 340.0, 900.0, 2000.0, paused ? "paused by an operator" : "");
    }

    private static ProviderStatus idle(String id) {
        return new ProviderStatus(id, id + ".example.com", 0, 0, 0, 0, false, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, "");
    }

    private static final Status STATUS = new Status("1234", 0, true, 0,
            List.of(provider("openai", 4, 3, 3, false, 0), provider("anthropic", 0, 2, 0, true, 12_300)),
            List.of(new AgentRow("worker-1#20", "openai", 0, 65_000, 7, 1, 0)));

    @Test
    void statusIsASummaryAndAnAlignedTable() {
        List<String> lines = StatusReport.render(STATUS).lines().toList();
        assertThat(lines.get(0)).isEqualTo("Turnstile on 1234: enabled, global limit unlimited, 5 in flight, 3 queued");
        assertThat(lines.get(2)).matches("PROVIDER +LIMIT +EFFECTIVE +IN FLIGHT +QUEUED +PAUSED +429s +RECLAIMED +ABANDONED"
                + " +WAIT P50 +WAIT P99  HOSTS");
        assertThat(lines.get(3).split("\\s{2,}")).containsExactly("openai", "4", "4", "3", "3", "no", "2", "1", "1",
                "12ms", "340ms", "openai.example.com");
        assertThat(lines.get(4)).contains("unlimited", "yes, 12.3s left");
    }

    @Test
    void theSummaryAddsUpTheRowsOfTheSameRead() {
        Status status = new Status("1234", 0, true, 6, List.of(provider("openai", 4, 1, 1, false, 0),
                provider("anthropic", 2, 2, 4, false, 0), idle("gemini")), List.of());

        assertThat(StatusReport.summary(status)).endsWith("global limit 6, 3 in flight, 5 queued");
        assertThat(status.globalInFlight()).isEqualTo(3);
        assertThat(status.globalQueued()).isEqualTo(5);
    }

    @Test
    void aProviderNobodyCalledYetWaitedNeitherZeroNorAnything() {
        Status status = new Status("1234", 0, true, 0, List.of(idle("gemini")), List.of());

        String row = StatusReport.render(status).lines().filter(line -> line.startsWith("gemini")).findFirst().orElseThrow();
        assertThat(row.split("\\s{2,}")).containsSequence("-", "-", "gemini.example.com").doesNotContain("0.0ms");
    }

    @Test
    void agentsShowTheTurnAge() {
        assertThat(StatusReport.agents(STATUS.agents()).lines().get(1).split("\\s{2,}"))
                .containsExactly("worker-1#20", "openai", "1m05s", "7", "1", "0");
    }
}
