package dev.turnstile.demo.mock;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The provider's side of the story: how many requests it is serving, the most it ever saw at
 * once, and the cap above which it turns requests away.
 *
 * <p>Every arriving request is counted in {@link #maxSeen()} before the decision, so a client that
 * floods the provider shows up there even though the rejected requests are answered at once.
 */
public final class ConcurrencyCap {

    private final int cap;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger serving = new AtomicInteger();
    private final AtomicInteger maxSeen = new AtomicInteger();
    private final AtomicInteger maxServing = new AtomicInteger();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    public ConcurrencyCap(int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("cap must be at least 1, was " + cap);
        }
        this.cap = cap;
    }

    /**
     * A request arrived. Returns {@code true} if it is admitted (the caller must {@link #leave()}
     * once it has sent the answer's last token), {@code false} if it must be answered with 429.
     */
    public boolean tryEnter() {
        int seen = open.incrementAndGet();
        maxSeen.accumulateAndGet(seen, Math::max);
        while (true) {
            int now = serving.get();
            if (now >= cap) {
                open.decrementAndGet();
                rejected.incrementAndGet();
                return false;
            }
            if (serving.compareAndSet(now, now + 1)) {
                maxServing.accumulateAndGet(now + 1, Math::max);
                return true;
            }
        }
    }

    /** An admitted request has been answered. */
    public void leave() {
        serving.decrementAndGet();
        open.decrementAndGet();
        served.incrementAndGet();
    }

    public int cap() {
        return cap;
    }

    /** Requests being served now. */
    public int serving() {
        return serving.get();
    }

    /** The most requests that were at the provider at one moment, rejected ones included. */
    public int maxSeen() {
        return maxSeen.get();
    }

    /** The most requests served at one moment (never above the cap). */
    public int maxServing() {
        return maxServing.get();
    }

    public long served() {
        return served.get();
    }

    public long rejected() {
        return rejected.get();
    }
}
