package dev.turnstile.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.turnstile.core.SchedulerHarness.granted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Request and token budgets per minute: they hold the provider's line in order, and a timer wakes it. */
class SlotSchedulerBudgetTest {

    private final SchedulerHarness h = new SchedulerHarness().provider("openai", 0);

    private PermitFuture call(String agent, long tokens) {
        return h.scheduler.acquireAsync(CallRequest.of("openai", agent).withTokenEstimate(tokens));
    }

    @Test
    void theRequestBudgetHoldsCallsInLineUntilTheWindowHasRoom() {
        h.scheduler.setRpm("openai", 2);
        granted(call("a", 0)).release(Outcome.SUCCESS);
        h.advance(Duration.ofSeconds(10));
        granted(call("b", 0)).release(Outcome.SUCCESS);
        PermitFuture third = call("c", 0);
        PermitFuture fourth = call("d", 0);

        assertThat(third).as("no slot limit, yet the budget holds it").isNotDone();
        assertThat(h.stats("openai").budgetHold()).startsWith("request budget: 2 of rpm 2");
        assertThat(h.stats("openai").rpmRemaining()).isZero();

        h.advance(Duration.ofSeconds(50));
        granted(third);
        assertThat(fourth).as("the window holds the second call of the first ten seconds still").isNotDone();

        h.advance(Duration.ofSeconds(10));
        granted(fourth);
        assertThat(h.stats("openai").queued()).isZero();
    }

    @Test
    void theHeadOfTheLineWaitsForTheTokenBudgetAndTheCallsBehindItWaitToo() {
        h.scheduler.setTpm("openai", 1_000);
        granted(call("a", 600));
        PermitFuture big = call("b", 600);
        PermitFuture small = call("c", 100);

        assertThat(big).isNotDone();
        assertThat(small).as("it would fit, but it must not overtake the head").isNotDone();

        h.advance(Duration.ofSeconds(60));
        granted(big);
        assertThat(small).as("600 + 100 fits 1000").isDone();
    }

    @Test
    void aCallLargerThanTheTokenBudgetStartsOnceTheWindowIsEmpty() {
        h.scheduler.setTpm("openai", 1_000);
        granted(call("a", 10));
        PermitFuture huge = call("b", 50_000);

        assertThat(huge).isNotDone();
        h.advance(Duration.ofSeconds(60));
        granted(huge);
    }

    @Test
    void theUsageOfAnAnswerCorrectsTheEstimateAndMayAdmitWaiters() {
        h.scheduler.setTpm("openai", 1_000);
        Permit first = granted(call("a", 900));
        PermitFuture second = call("b", 500);
        assertThat(second).isNotDone();

        first.tokensUsed(300);

        granted(second);
        assertThat(h.stats("openai").tokensInWindow()).isEqualTo(800);
    }

    @Test
    void raisingTheBudgetAtRuntimeAdmitsWaitersAtOnceAndLoweringHoldsNewCalls() {
        h.scheduler.setRpm("openai", 1);
        granted(call("a", 0));
        PermitFuture waiting = call("b", 0);
        assertThat(waiting).isNotDone();

        h.scheduler.setRpm("openai", 3);
        granted(waiting);
        granted(call("c", 0));

        h.scheduler.setRpm("openai", 2);
        PermitFuture held = call("d", 0);
        assertThat(held).as("three started in this window, the budget is now two").isNotDone();

        h.scheduler.setRpm("openai", 0);
        granted(held);
    }

    @Test
    void aBudgetTimerWakesTheLineAfterTheBudgetWasLoweredWhileItWaited() {
        h.scheduler.setRpm("openai", 1);
        granted(call("a", 0));
        h.advance(Duration.ofSeconds(30));
        PermitFuture waiting = call("b", 0);

        h.scheduler.setTpm("openai", 1); // another hold, same window: still woken when the window empties
        h.advance(Duration.ofSeconds(30));
        granted(waiting);
    }

    @Test
    void thePauseTakesPrecedenceAndTheBudgetHoldIsNotReportedWhilePaused() {
        h.scheduler.setRpm("openai", 1);
        granted(call("a", 0));
        PermitFuture waiting = call("b", 0);
        h.scheduler.pause("openai", 120_000);

        assertThat(h.stats("openai").budgetHold()).isEmpty();
        h.advance(Duration.ofSeconds(60));
        assertThat(waiting).as("the budget has room, the pause still holds").isNotDone();
        h.advance(Duration.ofSeconds(60));
        granted(waiting);
    }

    @Test
    void aBadBudgetIsRefusedAndChangesNothing() {
        h.scheduler.setRpm("openai", 5);

        assertThatThrownBy(() -> h.scheduler.setRpm("openai", -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rpm of provider 'openai'");
        assertThatThrownBy(() -> h.scheduler.setTpm("openai", -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tpm of provider 'openai'");
        assertThat(h.stats("openai").rpm()).isEqualTo(5);
        assertThat(h.stats("openai").tpm()).isZero();
    }

    @Test
    void removingAProviderCallsOffItsBudgetTimer() {
        h.scheduler.setRpm("openai", 1);
        granted(call("a", 0));
        PermitFuture waiting = call("b", 0);
        int timersBefore = h.time.pendingTasks();

        h.scheduler.removeProvider("openai");

        assertThat(granted(waiting).isGated()).isFalse();
        assertThat(h.time.pendingTasks()).as("the budget's wake-up is called off").isEqualTo(timersBefore - 1);
    }
}
