package dev.turnstile.console.text;

import dev.turnstile.console.model.AgentRow;
import dev.turnstile.console.model.FleetView;
import dev.turnstile.console.model.ProviderStatus;
import dev.turnstile.console.model.Status;
import dev.turnstile.console.model.StatusJson;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class StatusReportTest {

    private static ProviderStatus provider(String id, int limit, int inFlight, int queued, boolean paused, long left) {
        return new ProviderStatus(id, id + ".example.com", limit, limit, inFlight, queued, paused, left, 10, 8, 0, 2, 1,
                1, 0, 0, 0, 12.0, 340.0, 900.0, 2000.0, paused ? "paused by an operator" : "");
    }

    private static ProviderStatus idle(String id) {
        return new ProviderStatus(id, id + ".example.com", 0, 0, 0, 0, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
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
    void providersReachedByUngatedConnectionsAreNamedOnALineOfTheirOwn() {
        ProviderStatus openai = provider("openai", 4, 1, 0, false, 0);
        ProviderStatus reached = new ProviderStatus("mistral", "api.mistral.ai", 0, 0, 0, 0, false, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 3, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "");

        assertThat(StatusReport.render(new Status("1234", 0, true, 0, List.of(openai, reached), List.of())))
                .contains("ungated connections (a stack Turnstile does not gate; see the agent's WARN): mistral 3");
        assertThat(StatusReport.render(STATUS)).doesNotContain("ungated");
    }

    @Test
    void aTargetSharingItsLimitsThroughRedisShowsTheFleetBesideItsOwnNumbers() {
        FleetView fleet = new FleetView("LOCAL", "billing", "3fa2c1d0.2", 3, 412, 1, 0, 2,
                List.of(new FleetView.Provider("openai", 8, 2, 5, 3)));
        Status status = new Status("1234", 0, true, 0, STATUS.providers(), List.of(), Optional.of(fleet));

        assertThat(StatusReport.render(status)).contains(
                "fleet (Redis namespace billing): LOCAL, 3 live JVMs, round trip 412 µs, 1 fail-overs, 0 rejoins,"
                        + " 2 reclaimed from dead JVMs",
                "  openai: fleet limit 8, local share 2, fleet 5 in flight, 3 queued");
        assertThat(StatusReport.render(STATUS)).doesNotContain("fleet");
        assertThat(StatusJson.of(status).get("fleet")).isEqualTo(StatusJson.fleet(fleet));
        assertThat(StatusJson.fleet(fleet)).containsEntry("backend", "LOCAL").containsEntry("liveInstances", 3)
                .containsEntry("providers", List.of(Map.of("provider", "openai", "limit", 8, "localShare", 2,
                        "fleetInFlight", 5, "fleetQueued", 3)));
        assertThat(StatusJson.of(STATUS)).containsEntry("fleet", null);
    }

    @Test
    void agentsShowTheTurnAge() {
        assertThat(StatusReport.agents(STATUS.agents()).lines().get(1).split("\\s{2,}"))
                .containsExactly("worker-1#20", "openai", "1m05s", "7", "1", "0");
    }
}
