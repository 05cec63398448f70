package dev.turnstile.bench.sim;

import java.util.function.IntSupplier;

/**
 * The LLM provider: serves any number of calls at once up to its {@code cap} (0 = no cap; it may
 * change while the simulation runs, as a provider's capacity does under other tenants' load) and
 * answers a call beyond it at once (after {@code rejectSeconds}) with 429 and a
 * {@code Retry-After} of {@code retryAfterSeconds}, like the demo's mock and like providers'
 * concurrency limits. A served call takes the time the workload drew for it.
 */
final class SimProvider {

    private final IntSupplier cap;
    private final double retryAfterSeconds;
    private final double rejectSeconds;
    private int inFlight;
    private int maxInFlight;
    private long served;
    private long rejected;

    SimProvider(int cap, double retryAfterSeconds, double rejectSeconds) {
        this(() -> cap, retryAfterSeconds, rejectSeconds);
    }

    SimProvider(IntSupplier cap, double retryAfterSeconds, double rejectSeconds) {
        this.cap = cap;
        this.retryAfterSeconds = retryAfterSeconds;
        this.rejectSeconds = rejectSeconds;
    }

    /** A call arrives: true if it is served (then {@link #finish()} ends it), false for a 429. */
    boolean admit() {
        int now = cap.getAsInt();
        if (now > 0 && inFlight >= now) {
            rejected++;
            return false;
        }
        inFlight++;
        served++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        return true;
    }

    /** A served call sent its last byte. */
    void finish() {
        if (inFlight == 0) {
            throw new IllegalStateException("finish without a call in flight");
        }
        inFlight--;
    }

    double retryAfterSeconds() {
        return retryAfterSeconds;
    }

    double rejectSeconds() {
        return rejectSeconds;
    }

    int inFlight() {
        return inFlight;
    }

    /** The most calls it served at once. */
    int maxInFlight() {
        return maxInFlight;
    }

    long served() {
        return served;
    }

    /** Calls answered 429: each one a wasted round trip. */
    long rejected() {
        return rejected;
    }
}
