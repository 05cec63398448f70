package dev.turnstile.jetty;

import dev.turnstile.http.Gate;

/**
 * What the hooks need done with Jetty's own types. Implemented in {@code dev.turnstile.jetty.library},
 * defined next to the library by the helper loader; arguments are Jetty's objects, typed
 * {@code Object} here. See {@link dev.turnstile.bootstrap.JettyBridge.Hooks} for each.
 */
public interface JettyLibrary {

    /** Null to go on untouched, {@code Boolean.TRUE} when the send waits for its slot, else the call under way (a {@code GatedCall}). */
    Object send(Gate gate, Object destination, Object request, Object listener);

    void aborted(Object request);

    void responseHeaders(Object exchange);
}
