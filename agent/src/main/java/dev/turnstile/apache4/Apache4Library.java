package dev.turnstile.apache4;

import dev.turnstile.http.Gate;
import dev.turnstile.http.GatedCall;
import dev.turnstile.http.ThreadCalls;

/**
 * What the hooks need done with Apache HttpClient 4's own types. Implemented in
 * {@code dev.turnstile.apache4.library}, defined next to the library by the helper loader.
 */
public interface Apache4Library {

    /** Opens a gated call for the request, or null when it is not gated. Call on the caller's thread. */
    GatedCall open(Gate gate, Object target, Object request);

    /**
     * Returns the response to give the application: its body and its {@code close} end
     * {@code call}. Reports its status first when no per-attempt hook did.
     */
    Object finish(GatedCall call, Object response, boolean reportStatus);

    /** Reports one attempt's status and headers to this thread's gated call. */
    void reportAttempt(ThreadCalls calls, Object response);
}
