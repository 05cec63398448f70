package dev.turnstile.core.pause;

/**
 * One provider's overload breaker: after {@code threshold} consecutive overload failures (a 502,
 * 503 or 504, a refused or reset connection; never a rate limit) it <em>opens</em>, and the
 * scheduler pauses the provider's queue for {@link #openNanos}. When that pause ends it is
 * <em>probing</em>: one call goes through as the probe while the others keep waiting. The probe's
 * answer closes the breaker; its failure opens it again, for twice as long (capped at
 * {@code backoff.max}). A probe that ends without a verdict (cancelled, taken back by the
 * watchdog) makes room for the next probe, so nothing wedges.
 *
 * <p>Only the probe decides while the breaker is not closed: calls admitted before it opened
 * neither extend nor close it. A threshold of 0 turns it off. Plain state, called under the
 * scheduler's lock, like {@link PausePolicy}.
 */
public final class OverloadBreaker {

    /** The shortest open time: a pause of 0 would never end through a timer. */
    private static final long MIN_OPEN_NANOS = 1_000_000L;

    /** Where the breaker stands. */
    public enum State {
        /** Calls flow; consecutive failures are counted. */
        CLOSED,
        /** The queue is paused after too many failures. */
        OPEN,
        /** The pause is over; one call at a time is let through as the probe. */
        PROBING;

        /** The lower-case name shown over JMX. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private State state = State.CLOSED;
    private int consecutiveFailures;
    /** Opens since the breaker was last closed: the open time doubles with each. */
    private int opensInARow;
    private long timesOpened;
    private boolean probeInFlight;

    public State state() {
        return state;
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** How often the breaker opened (re-opening after a failed probe counts) since the provider was added. */
    public long timesOpened() {
        return timesOpened;
    }

    /** Whether the dispatcher must hold further calls: the probe is out, or the pause has not ended yet. */
    public boolean holdsCalls() {
        return state == State.OPEN || state == State.PROBING && probeInFlight;
    }

    /** A call starts now: true when it is the probe (the breaker was waiting for one). */
    public boolean startProbe() {
        if (state == State.PROBING && !probeInFlight) {
            probeInFlight = true;
            return true;
        }
        return false;
    }

    /**
     * A call failed by overload; {@code probe} says whether it was the probe. Returns true when the
     * breaker opened (again): the caller then pauses for {@link #openNanos}.
     */
    public boolean onFailure(boolean probe, int threshold) {
        if (threshold <= 0) {
            return false;
        }
        if (state == State.CLOSED) {
            consecutiveFailures++;
            return consecutiveFailures >= threshold && open();
        }
        if (state == State.PROBING && probe) {
            probeInFlight = false;
            consecutiveFailures++;
            return open();
        }
        return false; // admitted before the breaker opened: the probe decides
    }

    /** The provider answered a call (any status that is not an overload): true when this closed the breaker. */
    public boolean onAnswer(boolean probe) {
        if (state == State.CLOSED) {
            consecutiveFailures = 0;
            return false;
        }
        if (state == State.PROBING && probe) {
            close();
            return true;
        }
        return false;
    }

    /** The probe ended without a verdict (cancelled, failed otherwise, taken back): the next call probes. */
    public void onProbeLost() {
        probeInFlight = false;
    }

    /** The provider's pause ended (its time is up or an operator resumed): true when probing begins. */
    public boolean onPauseEnded() {
        if (state != State.OPEN) {
            return false;
        }
        state = State.PROBING;
        probeInFlight = false;
        return true;
    }

    /** The threshold became 0: the breaker closes and stays closed; a running pause ends on its own. */
    public boolean turnOff() {
        boolean wasOpen = state != State.CLOSED;
        close();
        return wasOpen;
    }

    /**
     * How long the breaker stays open this time: {@code initial} doubled for each open since it was
     * last closed, at most {@code max}; no jitter, as only one probe goes when it ends.
     */
    public long openNanos(PausePolicy.Tuning tuning) {
        return Math.max(PausePolicy.doubledStep(tuning, opensInARow), MIN_OPEN_NANOS);
    }

    private boolean open() {
        state = State.OPEN;
        opensInARow++;
        timesOpened++;
        return true;
    }

    private void close() {
        state = State.CLOSED;
        consecutiveFailures = 0;
        opensInARow = 0;
        probeInFlight = false;
    }
}
