package dev.turnstile.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void anOddCountHasItsMiddleValueAsMedian() {
        Spread spread = Spread.of(List.of(9.0, 1.0, 5.0));

        assertThat(spread.median).isEqualTo(5.0);
        assertThat(spread.min).isEqualTo(1.0);
        assertThat(spread.max).isEqualTo(9.0);
        assertThat(spread.count).isEqualTo(3);
    }

    @Test
    void anEvenCountHasTheMeanOfItsTwoMiddleValuesAsMedian() {
        assertThat(Spread.of(List.of(4.0, 1.0, 10.0, 2.0)).median).isEqualTo(3.0);
    }

    @Test
    void ratiosAndDifferencesPairValuesByPosition() {
        List<Double> measured = List.of(110.0, 90.0);
        List<Double> baseline = List.of(100.0, 100.0);

        assertThat(Spread.ratios(measured, baseline)).containsExactly(1.1, 0.9);
        assertThat(Spread.differences(measured, baseline)).containsExactly(10.0, -10.0);
    }

    @Test
    void formatsMedianWithItsRange() {
        assertThat(Spread.of(List.of(1.0, 2.0, 3.0)).format("%.1f")).isEqualTo("2.0 (1.0–3.0)");
        assertThat(Spread.of(List.of(-1.0, 2.0, 3.0)).format("%+.0f")).isEqualTo("+2 (-1 to +3)");
    }

    @Test
    void refusesAnEmptyList() {
        assertThatThrownBy(() -> Spread.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theIntervalOfTheMedianIsTheWidestOrderStatisticPairBelowFivePercentRisk() {
        // n = 12: P(X <= 2) = 79/4096, so k = 3 holds the median 96.1 % of the time; k = 4 only 85.4 %.
        List<Double> twelve = List.of(12.0, 1.0, 11.0, 2.0, 10.0, 3.0, 9.0, 4.0, 8.0, 5.0, 7.0, 6.0);

        Spread.Interval interval = Spread.of(twelve).interval;

        assertThat(interval.low).isEqualTo(3.0);
        assertThat(interval.high).isEqualTo(10.0);
        assertThat(interval.coverage).isCloseTo(1 - 2 * 79.0 / 4096, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(interval.format("%.0f")).isEqualTo("[3, 10] (96 %)");
    }

    @Test
    void fewValuesGiveTheirWholeRangeWithItsOwnCoverage() {
        Spread.Interval interval = Spread.of(List.of(5.0, 1.0, 3.0, 2.0, 4.0)).interval;

        assertThat(interval.low).isEqualTo(1.0);
        assertThat(interval.high).isEqualTo(5.0);
        assertThat(interval.coverage).isEqualTo(1 - 2 / 32.0);
    }

    @Test
    void coverageIsTheBinomialTailOnBothSides() {
        assertThat(Spread.coverage(6, 1)).isEqualTo(1 - 2 / 64.0);
        assertThat(Spread.coverage(20, 6)).isCloseTo(0.9586, org.assertj.core.data.Offset.offset(1e-4));
    }
}
