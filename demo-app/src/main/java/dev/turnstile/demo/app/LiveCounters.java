package dev.turnstile.demo.app;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What the agents are doing right now, as the progress line shows it. */
public final class LiveCounters {

    private final AtomicInteger turnsDone = new AtomicInteger();
    private final AtomicInteger turnsFailed = new AtomicInteger();
    private final AtomicInteger callsOpen = new AtomicInteger();
    private final AtomicInteger backingOff = new AtomicInteger();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong callsOk = new AtomicLong();

    void callStarted() {
        callsOpen.incrementAndGet();
    }

    void callEnded(boolean ok) {
        callsOpen.decrementAndGet();
        if (ok) {
            callsOk.incrementAndGet();
        }
    }

    void rateLimited() {
        rateLimited.incrementAndGet();
    }

    void error() {
        errors.incrementAndGet();
    }

    void backOffStarted() {
        backingOff.incrementAndGet();
    }

    void backOffEnded() {
        backingOff.decrementAndGet();
    }

    void turnEnded(boolean ok) {
        turnsDone.incrementAndGet();
        if (!ok) {
            turnsFailed.incrementAndGet();
        }
    }

    public int turnsDone() {
        return turnsDone.get();
    }

    public int turnsFailed() {
        return turnsFailed.get();
    }

    /** Calls sent and not yet answered to the end: at the provider, or waiting before it. */
    public int callsOpen() {
        return callsOpen.get();
    }

    /** Agents sleeping out a {@code Retry-After}. */
    public int backingOff() {
        return backingOff.get();
    }

    public long rateLimitedCount() {
        return rateLimited.get();
    }

    public long errors() {
        return errors.get();
    }

    public long callsOk() {
        return callsOk.get();
    }
}
