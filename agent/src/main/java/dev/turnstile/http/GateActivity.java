package dev.turnstile.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Per provider: when a gated client's door last saw a request to it, and how many connections
 * reached it with no gated call behind them. Only provider hosts are recorded, so a call
 * elsewhere never touches it; lock-free on every path.
 */
public final class GateActivity {

    /** A connection opened this soon after a door saw the provider is that call's own. */
    static final long COVERING_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Provider> providers = new ConcurrentHashMap<>();

    public GateActivity(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** A gated client's door saw a request to {@code provider} (gated or not: a GET through a gated client is the client's own). */
    void doorPassed(String provider) {
        Provider state = of(provider);
        state.lastDoorNanos = nanoClock.getAsLong();
        state.doorSeen = true;
    }

    /** Now, on the clock the doors are timed by. */
    long now() {
        return nanoClock.getAsLong();
    }

    /** True when a door saw {@code provider} at or after {@code sinceNanos} (a time from {@link #now()}). */
    boolean doorPassedSince(String provider, long sinceNanos) {
        Provider state = providers.get(provider);
        return state != null && state.doorSeen && state.lastDoorNanos - sinceNanos >= 0;
    }

    /** True when a door saw {@code provider} within the last few seconds. */
    boolean doorPassedRecently(String provider) {
        Provider state = providers.get(provider);
        return state != null && state.doorSeen && nanoClock.getAsLong() - state.lastDoorNanos < COVERING_NANOS;
    }

    void countUngated(String provider) {
        of(provider).ungated.increment();
    }

    /** Connections opened to {@code provider}'s hosts with no gated call behind them, since start or the last reset. */
    public long ungated(String provider) {
        Provider state = providers.get(provider);
        return state == null ? 0 : state.ungated.sum();
    }

    public void resetUngated(String provider) {
        Provider state = providers.get(provider);
        if (state != null) {
            state.ungated.reset();
        }
    }

    private Provider of(String provider) {
        return providers.computeIfAbsent(provider, id -> new Provider());
    }

    private static final class Provider {
        volatile long lastDoorNanos;
        volatile boolean doorSeen; // false in an entry made only to count: it must not look covered
        final LongAdder ungated = new LongAdder();
    }
}
