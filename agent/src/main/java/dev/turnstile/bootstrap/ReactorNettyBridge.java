package dev.turnstile.bootstrap;

/**
 * Door from Reactor Netty's {@code HttpClient} (any class loader) to the agent. Typed with
 * {@code Object}: the bootstrap class path cannot see Reactor. Every call is fail-open: on any
 * problem the client's own value goes back unchanged.
 */
public final class ReactorNettyBridge {

    /** Implemented by the agent; see {@code dev.turnstile.reactornetty}. */
    public interface Hooks {
        /**
         * {@code client.connect()} returned {@code connect}, the {@code Mono} whose every
         * subscription is one exchange: the same {@code Mono}, or one that waits for a slot on each
         * subscription and holds it to the end of the response.
         */
        Object connect(Object client, Object connect);
    }

    private static volatile Hooks hooks;

    private ReactorNettyBridge() {
    }

    public static void install(Hooks newHooks) {
        hooks = newHooks;
    }

    public static Object connect(Object client, Object connect) {
        Hooks h = hooks;
        if (h == null) {
            return connect;
        }
        try {
            Object gated = h.connect(client, connect);
            return gated == null ? connect : gated;
        } catch (Throwable t) {
            return connect;
        }
    }
}
