package dev.turnstile.apache5;

import dev.turnstile.http.Gate;
import dev.turnstile.http.GatedCall;
import dev.turnstile.http.ThreadCalls;

/**
 * What the hooks need done with Apache HttpClient 5's own types. Implemented in
 * {@code dev.turnstile.apache5.library}, defined next to the library by the helper loader;
 * arguments are the library's objects, typed {@code Object} here.
 */
public interface Apache5Library {

    /** Opens a gated call for a classic request, or null when it is not gated. Call on the caller's thread. */
    GatedCall openClassic(Gate gate, Object target, Object request);

    /**
     * Hands the response to the application with a body that ends {@code call}; reports its
     * status first when no per-attempt hook did. Returns the response to return.
     */
    Object finishClassic(GatedCall call, Object response, boolean reportStatus);

    /** Reports one attempt's status and headers to this thread's gated call. */
    void reportAttempt(ThreadCalls calls, Object response);

    /** See {@code Apache5Bridge.Hooks#enterAsync}. */
    Object enterAsync(Gate gate, Object request, Object entityProducer, Object scope, Object chain, Object callback);

    /** The callback an async attempt reports to: one that reports its status when the exchange is gated. */
    Object attemptCallback(Object scope, Object callback);
}
