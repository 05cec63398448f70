package dev.turnstile.apache5;

import dev.turnstile.extension.BlockingClientLibrary;
import dev.turnstile.http.Gate;

/**
 * What the hooks need done with Apache HttpClient 5's own types. Implemented in
 * {@code dev.turnstile.apache5.library}, defined next to the library by the helper loader;
 * arguments are the library's objects, typed {@code Object} here. The classic client's part is
 * the shared {@link BlockingClientLibrary}; the async part serves {@link Apache5AsyncHooks}.
 */
public interface Apache5Library extends BlockingClientLibrary {

    /** See {@code Apache5Bridge.Hooks#enterAsync}. */
    Object enterAsync(Gate gate, Object request, Object entityProducer, Object scope, Object chain, Object callback);

    /** The callback an async attempt reports to: one that reports its status when the exchange is gated. */
    Object attemptCallback(Object scope, Object callback);
}
