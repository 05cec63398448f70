package dev.turnstile.extension;

import dev.turnstile.http.Gate;
import dev.turnstile.http.GatedCall;
import dev.turnstile.http.ThreadCalls;

/**
 * What the shared blocking door (see {@link AdvicePlan#blockingClient}) needs done with the own
 * types of a client that runs a whole call on its caller's thread (Apache HttpClient 4 and 5
 * classic). Implemented in the family's {@code .library} package, public with a public
 * no-argument constructor, and defined next to the library by the {@link HelperLoader}; the
 * library's objects are typed {@code Object} here.
 */
public interface BlockingClientLibrary {

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
