package dev.turnstile.core.limit;

/**
 * One provider's limit algorithm. It is told what happens to the provider's calls and answers
 * the limit in force; the limit an operator configured is its ceiling, which it never exceeds.
 *
 * <p>Called only under the scheduler's lock, so an implementation needs no synchronization; it
 * must not block. Times are {@link System#nanoTime()}-style instants from the scheduler's clock.
 */
public interface LimitPolicy {

    /** What {@link #quietCheckDelayNanos} answers when the policy awaits no quiet period. */
    long NO_CHECK = -1;

    /** The limit in force: at most the ceiling; 0 = unlimited (only when the ceiling is 0). */
    int limit();

    /**
     * An operator set the limit at {@code nowNanos}: the new ceiling and the limit in force; what
     * the adaptation learnt so far is dropped.
     */
    void setCeiling(int ceiling, long nowNanos);

    /**
     * The limit in force was decided elsewhere at {@code nowNanos}: by the other JVMs that share
     * this provider's limit, which lowered it after their rate limits or probed it up. The policy
     * adopts it (between 1 and the ceiling) as if it had moved there itself. A policy that cannot
     * follow keeps its own view.
     */
    default void follow(int limitInForce, long nowNanos) {
    }

    /** A call granted its slot at {@code grantedNanos} was answered with a rate limit (429 and friends). */
    void onRateLimited(long grantedNanos, long nowNanos);

    /** A call succeeded after {@code latencyNanos}; {@code inFlight} calls of the provider remain. */
    void onSuccess(long latencyNanos, int inFlight, long nowNanos);

    /** The quiet-period check the policy asked for (see {@link #quietCheckDelayNanos}) is due. */
    void onQuietPeriod(long nowNanos);

    /**
     * How long from {@code nowNanos} until the policy wants {@link #onQuietPeriod}, or
     * {@link #NO_CHECK}. Asked after every change of the limit; one check is pending at a time.
     */
    long quietCheckDelayNanos(long nowNanos);

    /** Makes the policy of a provider whose operator-set limit is {@code ceiling}. */
    @FunctionalInterface
    interface Factory {
        LimitPolicy create(int ceiling);
    }
}
