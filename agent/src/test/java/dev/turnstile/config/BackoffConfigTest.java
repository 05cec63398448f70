package dev.turnstile.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffConfigTest {

    private final BackoffConfig defaults = BackoffConfig.defaults();

    @Test
    void defaultsAre429And529OneSecondToAMinuteAdaptiveWithThirtySecondRecovery() {
        assertThat(defaults.statuses()).containsExactly(429, 529);
        assertThat(defaults.initial()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.max()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.adaptive()).isTrue();
        assertThat(defaults.recovery()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.pausesOn(429)).isTrue();
        assertThat(defaults.pausesOn(503)).isFalse();
    }

    @Test
    void copiesChangeOneValueAndLeaveTheOriginalAlone() {
        BackoffConfig changed = defaults.withStatuses(List.of(503, 429)).withAdaptive(false)
                .withInitial(Duration.ofMillis(500)).withMax(Duration.ofMinutes(2)).withRecovery(Duration.ofMinutes(1));

        assertThat(changed.statuses()).containsExactly(429, 503);
        assertThat(changed.adaptive()).isFalse();
        assertThat(changed.initial()).isEqualTo(Duration.ofMillis(500));
        assertThat(changed.max()).isEqualTo(Duration.ofMinutes(2));
        assertThat(changed.recovery()).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults).isEqualTo(BackoffConfig.builder().build());
        assertThat(changed).isNotEqualTo(defaults);
    }

    @Test
    void rejectsStatusesOutsideTheHttpRangeAndAnEmptyList() {
        assertThatThrownBy(() -> defaults.withStatuses(List.of(429, 600)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("600 is not a valid HTTP status; expected HTTP statuses from 100 to 599");
        assertThatThrownBy(() -> defaults.withStatuses(List.of(99))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withStatuses(Set.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsZeroAndNegativePauses() {
        assertThatThrownBy(() -> defaults.withInitial(Duration.ZERO))
                .hasMessage("0 is not a valid initial backoff; expected a duration > 0 such as 1s");
        assertThatThrownBy(() -> defaults.withMax(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withRecovery(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAnInitialPauseAboveTheMaximum() {
        assertThatThrownBy(() -> defaults.withInitial(Duration.ofMinutes(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the initial backoff 2m is greater than the maximum backoff 1m");
    }

    @Test
    void statusesCannotBeChangedFromOutside() {
        assertThatThrownBy(() -> defaults.statuses().add(500)).isInstanceOf(UnsupportedOperationException.class);
    }
}
