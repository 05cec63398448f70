package dev.turnstile.reactornetty;

import dev.turnstile.http.Gate;

/**
 * What the hooks need done with Reactor Netty's own types. Implemented in
 * {@code dev.turnstile.reactornetty.library}, defined next to the library by the helper loader;
 * arguments are the library's objects, typed {@code Object} here.
 */
public interface ReactorNettyLibrary {

    /**
     * The {@code Mono} of {@code client.connect()}, gated when the client's request goes to a
     * provider; else {@code connect} itself.
     */
    Object connect(Gate gate, Object client, Object connect);
}
