package dev.turnstile.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Deterministic reproductions of core defects found by {@link SlotSchedulerStressTest}, kept so that
 * they stay fixed. Each test states the documented contract; the text below says what went wrong.
 *
 * <p><b>Defect 1: an agent with calls on a third provider at once breaks the scheduler</b>
 * ({@code AgentState.addInFlight} / {@code addQueued}). The statement
 * {@code inFlightBy[slot(provider)] += delta} evaluates the array reference {@code inFlightBy}
 * <em>before</em> {@code slot(provider)} (JLS 15.26.2). When the agent meets its third provider while
 * busy, {@code slot} grows the arrays from 2 to 4 and returns index 2, and the write goes to the old
 * array of length 2: {@code ArrayIndexOutOfBoundsException}. It is thrown under the scheduler's lock
 * after the books were already changed: from {@code start} the slot is taken, the permit linked and
 * counted as started and in flight, but nobody ever gets the permit, so the slot leaks for good; from
 * {@code enqueue} the waiter stays in the queue with nobody waiting on it, and the agent's per-provider
 * counts go negative. The exception reaches the application (blocking and async acquire alike). Any
 * agent key (thread or header) whose calls span three providers at once triggers it, for example one
 * thread with three async calls in flight.
 *
 * <p><b>Defect 2: changing the queue timeout or max hold ends the adaptive limit.</b>
 * {@code SlotScheduler.updateProvider} resets the rate-limit-lowered limit whenever
 * {@code effectiveLimit != settings.limit()}, and {@code setQueueTimeout} and {@code setMaxHold} both go
 * through {@code updateProvider}. So changing an unrelated setting (JMX {@code QueueTimeoutMillis} or
 * {@code MaxHoldMillis}) during a rate-limit episode puts the provider straight back to its full limit,
 * and sends a {@code limitChanged(…, adaptive=false)} event as if an operator had set the limit. The
 * README says the lowered limit "climbs back by one per quiet period" and that "an operator who sets a
 * limit ends the adaptation"; setting a queue timeout or a max hold is not setting a limit.
 */
class SlotSchedulerRegressionTest {

    private final FakeTime time = new FakeTime();

    private SlotScheduler schedulerWith(String... unlimitedProviders) {
        SlotScheduler scheduler = new SlotScheduler(SchedulerSettings.defaults(), time, time, new Random(1),
                SlotCounter.Factory.local());
        for (String id : unlimitedProviders) {
            scheduler.addProvider(ProviderSettings.of(id, 0));
        }
        return scheduler;
    }

    // ------------------------------------------------------------------ defect 1

    @Test
    void anAgentGetsASlotOfAThirdProviderWhileItHasCallsOnTwoOthers() throws Exception {
        SlotScheduler scheduler = schedulerWith("a", "b", "c");
        scheduler.acquire(CallRequest.of("a", "agent"));
        scheduler.acquire(CallRequest.of("b", "agent"));

        Throwable thrown = catchThrowable(() -> scheduler.acquire(CallRequest.of("c", "agent")));

        assertThat(thrown).as("the third call of a busy agent, to a provider with no limit; afterwards %s",
                scheduler.snapshot()).isNull();
    }

    @Test
    void anAgentQueuesForAThirdProviderWhileItHasCallsOnTwoOthers() throws Exception {
        SlotScheduler scheduler = schedulerWith("a", "b");
        scheduler.addProvider(ProviderSettings.of("c", 1));
        Permit someoneElsesCall = scheduler.acquire(CallRequest.of("c", "someone-else"));
        scheduler.acquire(CallRequest.of("a", "agent"));
        scheduler.acquire(CallRequest.of("b", "agent"));

        Throwable thrown = catchThrowable(() -> scheduler.acquireAsync(CallRequest.of("c", "agent")));

        assertThat(thrown).as("the busy agent's call to full provider c must simply queue; afterwards %s",
                scheduler.snapshot()).isNull();
        someoneElsesCall.release(Outcome.SUCCESS);
    }

    // ------------------------------------------------------------------ defect 2

    /** A provider "a" with limit 4 whose limit in force a 429 has just halved to 2. */
    private SlotScheduler schedulerAfterOneRateLimit() throws Exception {
        SlotScheduler scheduler = new SlotScheduler(SchedulerSettings.builder()
                .adaptive(true).adaptiveRecovery(Duration.ofSeconds(30)).build(),
                time, time, new Random(1), SlotCounter.Factory.local());
        scheduler.addProvider(ProviderSettings.of("a", 4));
        Permit permit = scheduler.acquire(CallRequest.of("a", "agent"));
        permit.rateLimited(0); // a 429 that asks for no wait: no pause, but the limit in force halves 4 -> 2
        permit.release(Outcome.SUCCESS);
        assertThat(scheduler.snapshot().provider("a").effectiveLimit()).isEqualTo(2);
        return scheduler;
    }

    @Test
    void changingTheQueueTimeoutKeepsTheLimitLoweredAfterARateLimit() throws Exception {
        SlotScheduler scheduler = schedulerAfterOneRateLimit();

        scheduler.setQueueTimeout("a", Duration.ofSeconds(5));

        assertThat(scheduler.snapshot().provider("a").effectiveLimit())
                .as("no quiet period has passed (0 of 30 s) and nobody set the limit")
                .isEqualTo(2);
    }

    @Test
    void changingTheMaxHoldKeepsTheLimitLoweredAfterARateLimit() throws Exception {
        SlotScheduler scheduler = schedulerAfterOneRateLimit();

        scheduler.setMaxHold("a", Duration.ofMinutes(5));

        assertThat(scheduler.snapshot().provider("a").effectiveLimit())
                .as("no quiet period has passed (0 of 30 s) and nobody set the limit")
                .isEqualTo(2);
    }
}
