package dev.turnstile.demo.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CompareTableTest {

    @Test
    void changeSaysLowerOrHigherInWholePercent() {
        assertThat(CompareTable.change(20_000, 15_000)).isEqualTo("25% lower");
        assertThat(CompareTable.change(10_000, 11_000)).isEqualTo("10% higher");
        assertThat(CompareTable.change(10_000, 10_020)).isEqualTo("about the same");
        assertThat(CompareTable.change(0, 10)).isEqualTo("n/a");
    }

    @Test
    void tableHasOneColumnPerRunAndVerdictsCompareEachPair() {
        CompareTable table = new CompareTable()
                .add("no agent", new RunSummary(16, 0, 20_000, 30_000, 30_000, 193, 193, 5, 4, 32_000))
                .add("Turnstile", new RunSummary(16, 0, 15_000, 26_000, 26_000, 0, 0, 4, 4, 29_000));

        assertThat(table.render())
                .contains("no agent", "Turnstile", "20.0 s", "15.0 s", "193", "5 (cap 4)", "4 (cap 4)");
        assertThat(table.verdicts(1))
                .containsExactly("Turnstile vs no agent: mean turn time 25% lower, p95 13% lower, 429s 193 -> 0");
    }
}
