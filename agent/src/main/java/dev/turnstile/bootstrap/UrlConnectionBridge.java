package dev.turnstile.bootstrap;

/**
 * Door from {@code sun.net.www.protocol.http.HttpURLConnection} (bootstrap loader, also the
 * delegate behind every {@code https} connection) to the agent. Typed with {@code Object} and
 * {@code java.base} types only; every call is fail-open.
 */
public final class UrlConnectionBridge {

    /** Implemented by the agent; see {@code dev.turnstile.urlconnection}. */
    public interface Hooks {
        /**
         * Before the connection connects: null to go on; an exception (queue timeout, interrupt
         * while queued) for the connect to throw instead.
         */
        Throwable beforeConnect(Object connection, boolean connected);

        /** Connecting or sending failed: the exchange is over. */
        void failed(Object connection);

        /** On entering {@code getInputStream}; the token goes back to {@link #exitInput}. */
        Object enterInput(Object connection);

        /** On leaving {@code getInputStream}: the stream the caller gets. */
        Object exitInput(Object connection, Object token, Object stream, Throwable thrown, int responseCode,
                         boolean connected);

        void disconnected(Object connection);
    }

    private static volatile Hooks hooks;

    private UrlConnectionBridge() {
    }

    public static void install(Hooks newHooks) {
        hooks = newHooks;
    }

    public static Throwable beforeConnect(Object connection, boolean connected) {
        Hooks h = hooks;
        if (h == null) {
            return null;
        }
        try {
            return h.beforeConnect(connection, connected);
        } catch (Throwable t) {
            return null;
        }
    }

    public static void failed(Object connection) {
        Hooks h = hooks;
        if (h != null) {
            try {
                h.failed(connection);
            } catch (Throwable ignored) {
                // fail-open: the hook reports its own errors
            }
        }
    }

    public static Object enterInput(Object connection) {
        Hooks h = hooks;
        if (h == null) {
            return null;
        }
        try {
            return h.enterInput(connection);
        } catch (Throwable t) {
            return null;
        }
    }

    public static Object exitInput(Object connection, Object token, Object stream, Throwable thrown,
                                   int responseCode, boolean connected) {
        Hooks h = hooks;
        if (h == null) {
            return stream;
        }
        try {
            return h.exitInput(connection, token, stream, thrown, responseCode, connected);
        } catch (Throwable t) {
            return stream;
        }
    }

    public static void disconnected(Object connection) {
        Hooks h = hooks;
        if (h != null) {
            try {
                h.disconnected(connection);
            } catch (Throwable ignored) {
                // fail-open: the hook reports its own errors
            }
        }
    }
}
