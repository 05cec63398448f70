package dev.turnstile.bootstrap;

/**
 * Door from {@code java.net.Socket.connect} and {@code sun.nio.ch.SocketChannelImpl.connect}
 * (bootstrap loader) to the agent: every TCP connection the application opens, so that one to a
 * provider's host with no gated call behind it is reported. Fail-open: the connect always goes on.
 */
public final class SocketBridge {

    /** Implemented by the agent; see {@code dev.turnstile.sockets}. */
    public interface Hooks {
        /** A connection to {@code address} (a {@code SocketAddress}) is about to be opened. */
        void connecting(Object address);
    }

    private static volatile Hooks hooks;

    private SocketBridge() {
    }

    public static void install(Hooks newHooks) {
        hooks = newHooks;
    }

    public static void connecting(Object address) {
        Hooks h = hooks;
        if (h != null) {
            try {
                h.connecting(address);
            } catch (Throwable ignored) {
                // fail-open: a report must never stop a connection
            }
        }
    }
}
