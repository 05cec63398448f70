package dev.turnstile.core.budget;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WindowBudgetTest {

    private static final long T0 = 5_000_000_000L;
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final WindowBudget budget = new WindowBudget();

    @Test
    void offAdmitsEverythingAndRemembersNothing() {
        assertThat(budget.record(1_000, T0)).isNull();
        assertThat(budget.admits(Long.MAX_VALUE, T0)).isTrue();
        assertThat(budget.remainingRequests(T0)).isEqualTo(-1);
        assertThat(budget.remainingTokens(T0)).isEqualTo(-1);
    }

    @Test
    void theRequestBudgetCountsCallsOverASlidingMinute() {
        budget.set(2, 0);
        budget.record(0, T0);
        budget.record(0, T0 + 10 * SECOND);

        assertThat(budget.admits(0, T0 + 59 * SECOND)).isFalse();
        assertThat(budget.nanosUntilRoom(0, T0 + 59 * SECOND)).isEqualTo(SECOND);
        assertThat(budget.admits(0, T0 + 60 * SECOND)).as("the first call left the window").isTrue();
        assertThat(budget.remainingRequests(T0 + 60 * SECOND)).isEqualTo(1);
    }

    @Test
    void theTokenBudgetWaitsUntilEnoughTokensLeaveTheWindow() {
        budget.set(0, 1_000);
        budget.record(400, T0);
        budget.record(400, T0 + SECOND);
        budget.record(100, T0 + 2 * SECOND);

        assertThat(budget.admits(100, T0 + 3 * SECOND)).isTrue();
        assertThat(budget.admits(500, T0 + 3 * SECOND)).isFalse();
        assertThat(budget.nanosUntilRoom(500, T0 + 3 * SECOND)).as("once the 400 of T0 is gone: 500 + 500")
                .isEqualTo(57 * SECOND);
        assertThat(budget.nanosUntilRoom(900, T0 + 3 * SECOND)).as("once both 400s are gone")
                .isEqualTo(58 * SECOND);
        assertThat(budget.holdReason(500, T0 + 3 * SECOND)).startsWith("token budget: 900 of tpm 1000");
    }

    @Test
    void aCallLargerThanTheWholeBudgetFitsAnEmptyWindow() {
        budget.set(0, 1_000);
        assertThat(budget.admits(5_000, T0)).isTrue();
        budget.record(5_000, T0);

        assertThat(budget.admits(5_000, T0 + SECOND)).isFalse();
        assertThat(budget.nanosUntilRoom(5_000, T0 + SECOND)).isEqualTo(59 * SECOND);
        assertThat(budget.admits(5_000, T0 + 60 * SECOND)).isTrue();
    }

    @Test
    void theAnswersUsageCorrectsTheEstimateBothWays() {
        budget.set(0, 1_000);
        WindowBudget.Entry first = budget.record(800, T0);

        assertThat(budget.correct(first, 50, T0 + SECOND)).as("fewer tokens make room").isTrue();
        assertThat(budget.tokensInWindow(T0 + SECOND)).isEqualTo(50);
        assertThat(budget.admits(900, T0 + SECOND)).isTrue();

        assertThat(budget.correct(first, 1_200, T0 + SECOND)).isFalse();
        assertThat(budget.remainingTokens(T0 + SECOND)).isZero();
    }

    @Test
    void aCorrectionAfterTheEntryLeftTheWindowChangesNothing() {
        budget.set(0, 1_000);
        WindowBudget.Entry old = budget.record(800, T0);
        WindowBudget.Entry recent = budget.record(100, T0 + 30 * SECOND);

        assertThat(budget.correct(old, 10, T0 + 61 * SECOND)).isFalse();
        assertThat(budget.tokensInWindow(T0 + 61 * SECOND)).isEqualTo(100);
        assertThat(budget.correct(recent, 20, T0 + 61 * SECOND)).isTrue();
        assertThat(budget.tokensInWindow(T0 + 61 * SECOND)).isEqualTo(20);
    }

    @Test
    void turningBothBudgetsOffForgetsTheWindow() {
        budget.set(1, 0);
        WindowBudget.Entry entry = budget.record(0, T0);
        budget.set(0, 0);
        budget.set(1, 0);

        assertThat(budget.admits(0, T0)).isTrue();
        assertThat(budget.correct(entry, 5, T0)).isFalse();
    }

    @Test
    void aNegativeBudgetIsRefused() {
        assertThatThrownBy(() -> budget.set(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> budget.set(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
