package dev.turnstile.core.time;

/**
 * Where the scheduler reads the time. Production uses {@link #system()}; tests inject a clock
 * they move by hand, so every timing behaviour is provable without sleeping.
 */
public interface TimeSource {

    /** Monotonic nanoseconds, for durations and deadlines. */
    long nanoTime();

    /** Wall-clock milliseconds since the epoch, for turn starts that users can read. */
    long epochMillis();

    /** The JVM's clocks, with epoch millis that never run backwards (see {@link SystemTimeSource}). */
    static TimeSource system() {
        return SystemTimeSource.INSTANCE;
    }
}
