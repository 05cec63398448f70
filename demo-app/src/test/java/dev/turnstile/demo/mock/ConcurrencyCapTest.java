package dev.turnstile.demo.mock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConcurrencyCapTest {

    @Test
    void admitsUpToTheCapAndRejectsAbove() {
        ConcurrencyCap cap = new ConcurrencyCap(2);

        assertThat(cap.tryEnter()).isTrue();
        assertThat(cap.tryEnter()).isTrue();
        assertThat(cap.tryEnter()).isFalse();

        assertThat(cap.serving()).isEqualTo(2);
        assertThat(cap.rejected()).isEqualTo(1);
    }

    @Test
    void aRejectedRequestStillCountsAsSeen() {
        ConcurrencyCap cap = new ConcurrencyCap(1);

        cap.tryEnter();
        cap.tryEnter();

        assertThat(cap.maxSeen()).isEqualTo(2);
        assertThat(cap.maxServing()).isEqualTo(1);
    }

    @Test
    void leavingMakesRoomAgain() {
        ConcurrencyCap cap = new ConcurrencyCap(1);
        cap.tryEnter();

        cap.leave();

        assertThat(cap.tryEnter()).isTrue();
        assertThat(cap.served()).isEqualTo(1);
        assertThat(cap.maxSeen()).isEqualTo(1);
    }

    @Test
    void aCapBelowOneIsRefused() {
        assertThatThrownBy(() -> new ConcurrencyCap(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }
}
