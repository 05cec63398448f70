package dev.turnstile.http;

/**
 * What the hooks of a client that runs a whole call on its caller's thread (Apache HttpClient 4
 * and 5 classic) need done with the library's own types. Implemented in the client's
 * {@code .library} package, next to the library; typed with {@code Object} here.
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
