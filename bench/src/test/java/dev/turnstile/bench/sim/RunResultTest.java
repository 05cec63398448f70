package dev.turnstile.bench.sim;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunResultTest {

    @Test
    void meanAndNearestRankP95() {
        RunResult run = turns(List.of(5.0, 1.0, 4.0, 2.0, 3.0));

        assertThat(run.meanSeconds()).isEqualTo(3.0);
        assertThat(run.p95Seconds()).isEqualTo(5.0); // 5 turns: the p95 is the slowest
        assertThat(run.percentile(40)).isEqualTo(2.0);
    }

    @Test
    void poolingJoinsTheTurnsAndAddsTheCounts() {
        RunResult a = new RunResult(List.of(1.0), 1, 10, 3, 2, 2, 0, 50);
        RunResult b = new RunResult(List.of(3.0, 5.0), 0, 20, 4, 4, 3, 1, 40);

        RunResult pooled = a.pool(b);

        assertThat(pooled.turnSeconds()).containsExactly(1.0, 3.0, 5.0);
        assertThat(pooled.failedTurns()).isEqualTo(1);
        assertThat(pooled.served()).isEqualTo(30);
        assertThat(pooled.rateLimited()).isEqualTo(7);
        assertThat(pooled.providerMax()).isEqualTo(4);
        assertThat(pooled.gateMax()).isEqualTo(3);
        assertThat(pooled.orderViolations()).isEqualTo(1);
        assertThat(pooled.endSeconds()).isEqualTo(50);
    }

    private static RunResult turns(List<Double> seconds) {
        return new RunResult(seconds, 0, 0, 0, 0, 0, 0, 0);
    }
}
