package dev.turnstile.demo.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class StatsTest {

    @Test
    void meanIsTheArithmeticMean() {
        assertThat(Stats.of(1000, 2000, 6000).mean()).isCloseTo(3000.0, within(1e-9));
    }

    @Test
    void p95IsTheNearestRankOfTwentyValues() {
        // 1..20: 95% of 20 = 19, so the 19th smallest value.
        List<Long> values = LongStream.rangeClosed(1, 20).boxed().collect(Collectors.toList());
        assertThat(Stats.of(values).p95()).isEqualTo(19);
    }

    @Test
    void p95OfAHundredValuesIsTheNinetyFifth() {
        long[] values = LongStream.rangeClosed(1, 100).map(v -> 101 - v).toArray();
        assertThat(Stats.of(values).p95()).isEqualTo(95);
    }

    @Test
    void p95OfFewValuesIsTheLargest() {
        assertThat(Stats.of(300, 100, 200).p95()).isEqualTo(300);
        assertThat(Stats.of(7).p95()).isEqualTo(7);
    }

    @Test
    void orderOfInputDoesNotMatter() {
        assertThat(Stats.of(5, 1, 4, 2, 3).percentile(50)).isEqualTo(3);
        assertThat(Stats.of(5, 1, 4, 2, 3).max()).isEqualTo(5);
        assertThat(Stats.of(5, 1, 4, 2, 3).min()).isEqualTo(1);
    }

    @Test
    void noValuesGiveZeros() {
        Stats empty = Stats.of(List.of());
        assertThat(empty.count()).isZero();
        assertThat(empty.mean()).isZero();
        assertThat(empty.p95()).isZero();
        assertThat(empty.max()).isZero();
    }

    @Test
    void percentileOutsideTheRangeIsRefused() {
        assertThatThrownBy(() -> Stats.of(1).percentile(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stats.of(1).percentile(101)).isInstanceOf(IllegalArgumentException.class);
    }
}
