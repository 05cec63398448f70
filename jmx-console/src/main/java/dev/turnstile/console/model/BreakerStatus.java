package dev.turnstile.console.model;

/**
 * A provider's overload breaker as its MBean reads: {@code failures} in a row open it (0 = off),
 * {@code state} is {@code closed}, {@code open} or {@code probing}, {@code consecutiveFailures}
 * counts toward the next opening, {@code opened} counts the openings. {@link #OFF} for an agent too
 * old to have one.
 */
public record BreakerStatus(int failures, String state, int consecutiveFailures, long opened) {

    public static final BreakerStatus OFF = new BreakerStatus(0, "closed", 0, 0);

    public boolean on() {
        return failures > 0;
    }
}
