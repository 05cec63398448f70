package dev.turnstile.bench;

import dev.turnstile.core.ProviderSettings;
import dev.turnstile.core.SchedulerSettings;
import dev.turnstile.core.SlotScheduler;
import dev.turnstile.core.time.ExecutorTimerService;

/**
 * A scheduler as production builds it: default settings, the JVM's clocks
 * ({@code TimeSource.system()}, via the two-argument constructor), local slot counters and the
 * production {@link ExecutorTimerService}, with one provider {@value #PROVIDER}.
 *
 * <p>The timer matters little here: nothing in these benchmarks pauses, times out or cools
 * down, and the watchdog arms one timer per provider (10 minutes out) on the first grant and
 * keeps it. Close the fixture in {@code @TearDown} to stop the timer thread.
 */
final class Fixture implements AutoCloseable {

    static final String PROVIDER = "p";

    final ExecutorTimerService timer = new ExecutorTimerService("turnstile-bench-timer");
    final SlotScheduler scheduler;

    Fixture(int limit) {
        scheduler = new SlotScheduler(SchedulerSettings.defaults(), timer);
        scheduler.addProvider(ProviderSettings.of(PROVIDER, limit));
    }

    /** Calls queued for the provider now (takes the scheduler's lock; not for the measured path). */
    int queued() {
        return scheduler.snapshot().provider(PROVIDER).queued();
    }

    /** Calls in flight for the provider now (takes the scheduler's lock; not for the measured path). */
    int inFlight() {
        return scheduler.snapshot().provider(PROVIDER).inFlight();
    }

    @Override
    public void close() {
        timer.close();
    }
}
