package dev.turnstile.core.budget;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One provider's request and token budget over a sliding window of {@value #WINDOW_SECONDS}
 * seconds: a call fits when fewer than {@code rpm} calls and, with its token estimate, no more
 * than {@code tpm} tokens started in the window before it. A call whose estimate alone exceeds
 * {@code tpm} fits once the window is empty, so it waits but never forever. 0 turns a budget off.
 *
 * <p>Each started call leaves an {@link Entry}; when its answer tells the real token count the
 * entry is {@link #correct corrected}, so the window counts what the provider counted. Calls that
 * start while both budgets are off leave nothing (no memory for a feature not in use).
 *
 * <p>Called only under the scheduler's lock. Times are {@link System#nanoTime()}-style instants.
 */
public final class WindowBudget {

    public static final int WINDOW_SECONDS = 60;
    static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(WINDOW_SECONDS);

    private final ArrayDeque<Entry> window = new ArrayDeque<>();
    private int rpm;
    private long tpm;
    private long tokens;

    /** What one started call counts in the window. */
    public static final class Entry {
        final long startedNanos;
        long tokens;
        boolean expired;

        Entry(long startedNanos, long tokens) {
            this.startedNanos = startedNanos;
            this.tokens = tokens;
        }
    }

    /** Sets both budgets (0 = off). Calls already in the window still count against the new ones. */
    public void set(int rpm, long tpm) {
        if (rpm < 0 || tpm < 0) {
            throw new IllegalArgumentException("rpm and tpm must be 0 (off) or more, were " + rpm + " and " + tpm);
        }
        this.rpm = rpm;
        this.tpm = tpm;
        if (!isOn()) {
            forgetAll();
        }
    }

    public int rpm() {
        return rpm;
    }

    public long tpm() {
        return tpm;
    }

    public boolean isOn() {
        return rpm > 0 || tpm > 0;
    }

    /** Whether a call estimated at {@code estimate} tokens may start at {@code now}. */
    public boolean admits(long estimate, long now) {
        expire(now);
        return fits(window.size(), tokens, estimate);
    }

    private boolean fits(int calls, long tokensInWindow, long estimate) {
        if (calls == 0) {
            return true; // an empty window admits anything: an oversized call must not wait forever
        }
        return (rpm == 0 || calls < rpm) && (tpm == 0 || tokensInWindow + Math.max(estimate, 0) <= tpm);
    }

    /**
     * How long from {@code now} until a call estimated at {@code estimate} tokens fits: 0 when it
     * fits now, else the moment enough of the oldest entries have left the window.
     */
    public long nanosUntilRoom(long estimate, long now) {
        expire(now);
        int calls = window.size();
        long left = tokens;
        if (fits(calls, left, estimate)) {
            return 0;
        }
        long wait = 0;
        for (Entry entry : window) {
            calls--;
            left -= entry.tokens;
            wait = entry.startedNanos + WINDOW_NANOS - now;
            if (fits(calls, left, estimate)) {
                break;
            }
        }
        return Math.max(wait, 1);
    }

    /** A call started at {@code now}: it counts until it leaves the window. Null while the budgets are off. */
    public Entry record(long estimate, long now) {
        if (!isOn()) {
            return null;
        }
        expire(now);
        Entry entry = new Entry(now, Math.max(estimate, 0));
        window.addLast(entry);
        tokens += entry.tokens;
        return entry;
    }

    /**
     * The call's answer said it used {@code actual} tokens: its entry counts that from now on.
     * Returns true when this made room (the count went down). An entry gone from the window, or
     * null, changes nothing.
     */
    public boolean correct(Entry entry, long actual, long now) {
        expire(now);
        if (entry == null || entry.expired || actual < 0) {
            return false;
        }
        long before = entry.tokens;
        entry.tokens = actual;
        tokens += actual - before;
        return actual < before;
    }

    /** Calls started in the window at {@code now}. */
    public int requestsInWindow(long now) {
        expire(now);
        return window.size();
    }

    /** Tokens counted in the window at {@code now}: estimates, corrected where the answer told. */
    public long tokensInWindow(long now) {
        expire(now);
        return tokens;
    }

    /** Calls that may still start in this window; -1 when the request budget is off. */
    public long remainingRequests(long now) {
        return rpm == 0 ? -1 : Math.max(0, rpm - requestsInWindow(now));
    }

    /** Tokens left in this window; -1 when the token budget is off. */
    public long remainingTokens(long now) {
        return tpm == 0 ? -1 : Math.max(0, tpm - tokensInWindow(now));
    }

    /** Why a call estimated at {@code estimate} cannot start now, in words; empty when it can. */
    public String holdReason(long estimate, long now) {
        expire(now);
        if (fits(window.size(), tokens, estimate)) {
            return "";
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanosUntilRoom(estimate, now) + 999_999_999L));
        if (rpm > 0 && window.size() >= rpm) {
            return "request budget: " + window.size() + " of rpm " + rpm + " started in the last "
                    + WINDOW_SECONDS + " s; room in about " + seconds + " s";
        }
        return "token budget: " + tokens + " of tpm " + tpm + " used in the last " + WINDOW_SECONDS
                + " s, the next call needs about " + estimate + "; room in about " + seconds + " s";
    }

    private void expire(long now) {
        Entry oldest;
        while ((oldest = window.peekFirst()) != null && now - oldest.startedNanos >= WINDOW_NANOS) {
            window.removeFirst();
            oldest.expired = true;
            tokens -= oldest.tokens;
        }
    }

    private void forgetAll() {
        for (Entry entry : window) {
            entry.expired = true;
        }
        window.clear();
        tokens = 0;
    }
}
