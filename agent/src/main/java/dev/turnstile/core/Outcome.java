package dev.turnstile.core;

/** How a call that held a slot ended; travels with {@link Permit#release(Outcome)}. */
public enum Outcome {
    /** The response arrived and its body ended or was closed. */
    SUCCESS,
    /** The call failed or was cancelled after it got its slot. */
    FAILURE,
    /**
     * The holder dropped the call without ending it (a response body that became garbage
     * unclosed): a take-back like the watchdog's, counted as reclaimed and as abandoned.
     */
    ABANDONED
}
