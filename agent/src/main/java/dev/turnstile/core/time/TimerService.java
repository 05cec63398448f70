package dev.turnstile.core.time;

/**
 * Runs a task once after a delay. The scheduler uses it for pause ends, queue timeouts, the
 * watchdog, release cooldowns and adaptive recovery; tests inject a manual one.
 */
@FunctionalInterface
public interface TimerService {

    /** Runs {@code task} once, no earlier than {@code delayNanos} from now (0 or less: soon). */
    Cancellable schedule(Runnable task, long delayNanos);
}
