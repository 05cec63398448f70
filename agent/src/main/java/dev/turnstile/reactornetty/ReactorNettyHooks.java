package dev.turnstile.reactornetty;

import dev.turnstile.bootstrap.ReactorNettyBridge;
import dev.turnstile.extension.LibraryHelper;
import dev.turnstile.http.Gate;
import dev.turnstile.log.FailOpen;

/** Hands each Reactor Netty exchange publisher to the library helper of its class loader. */
final class ReactorNettyHooks implements ReactorNettyBridge.Hooks {

    private final Gate gate;
    private final LibraryHelper<ReactorNettyLibrary> libraries = new LibraryHelper<>(ReactorNettyLibrary.class,
            "dev.turnstile.reactornetty.library.ReactorNettyAdapter", "reactor-netty helper");

    ReactorNettyHooks(Gate gate) {
        this.gate = gate;
    }

    @Override
    public Object connect(Object client, Object connect) {
        try {
            ReactorNettyLibrary library = libraries.of(client.getClass());
            return library == null ? connect : library.connect(gate, client, connect);
        } catch (Throwable t) {
            FailOpen.report("reactor-netty connect", t);
            return connect;
        }
    }
}
