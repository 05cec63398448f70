package dev.turnstile.bootstrap;

/**
 * Door from Jetty's {@code HttpClient} (12.x) to the agent. Typed with {@code Object}: the
 * bootstrap class path cannot see Jetty. Every call is fail-open.
 */
public final class JettyBridge {

    /** Implemented by the agent; see {@code dev.turnstile.jetty}. */
    public interface Hooks {
        /**
         * Before {@code HttpDestination.send(request, listener)}: null to go on untouched;
         * {@code Boolean.TRUE} to skip the send (it is sent when its slot is granted); anything
         * else is the gated call now under way, for {@link #sendFailed}.
         */
        Object send(Object destination, Object request, Object listener);

        /** The send that {@link #send} let go on threw: its call ends. */
        void sendFailed(Object call, Throwable thrown);

        /** After {@code HttpRequest.abort(cause)}: a request still waiting for its slot leaves the queue. */
        void aborted(Object request);

        /** The head of one response (an attempt: a redirect, a retry, the answer) is complete. */
        void responseHeaders(Object exchange);
    }

    private static volatile Hooks hooks;

    private JettyBridge() {
    }

    public static void install(Hooks newHooks) {
        hooks = newHooks;
    }

    public static Object send(Object destination, Object request, Object listener) {
        Hooks h = hooks;
        if (h == null) {
            return null;
        }
        try {
            return h.send(destination, request, listener);
        } catch (Throwable t) {
            return null;
        }
    }

    public static void sendFailed(Object call, Throwable thrown) {
        Hooks h = hooks;
        if (h != null) {
            try {
                h.sendFailed(call, thrown);
            } catch (Throwable ignored) {
                // fail-open: the hooks report their own errors
            }
        }
    }

    public static void aborted(Object request) {
        Hooks h = hooks;
        if (h != null) {
            try {
                h.aborted(request);
            } catch (Throwable ignored) {
                // fail-open
            }
        }
    }

    public static void responseHeaders(Object exchange) {
        Hooks h = hooks;
        if (h != null) {
            try {
                h.responseHeaders(exchange);
            } catch (Throwable ignored) {
                // fail-open
            }
        }
    }
}
