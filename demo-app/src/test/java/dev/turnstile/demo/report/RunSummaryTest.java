package dev.turnstile.demo.report;

import dev.turnstile.demo.app.TurnRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RunSummaryTest {

    @Test
    void turnTimesCountOnlyFinishedTurnsAndWasteCountsRateLimitsAndErrors() {
        List<TurnRecord> records = List.of(
                new TurnRecord(0, "jdk-httpclient", 0, 1000, 3, 2, 0, true),
                new TurnRecord(1, "okhttp", 0, 3000, 3, 0, 1, true),
                new TurnRecord(2, "okhttp", 0, 99_000, 1, 5, 0, false));

        RunSummary summary = RunSummary.of(records, 6, 4, 12_000);

        assertThat(summary.turns()).isEqualTo(3);
        assertThat(summary.failedTurns()).isEqualTo(1);
        assertThat(summary.meanMillis()).isCloseTo(2000.0, within(1e-9));
        assertThat(summary.p95Millis()).isEqualTo(3000);
        assertThat(summary.rateLimited()).isEqualTo(7);
        assertThat(summary.wasted()).isEqualTo(8);
        assertThat(summary.providerMaxSeen()).isEqualTo(6);
    }

    @Test
    void theWireLineCarriesEveryNumber() {
        RunSummary sent = new RunSummary(16, 1, 12345.6, 20000, 21000, 193, 195, 5, 4, 30000);

        RunSummary received = RunSummary.fromWire(sent.toWire());

        assertThat(sent.toWire()).startsWith(RunSummary.WIRE_PREFIX);
        assertThat(received).usingRecursiveComparison().isEqualTo(sent);
    }
}
