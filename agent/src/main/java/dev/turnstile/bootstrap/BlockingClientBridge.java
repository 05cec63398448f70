package dev.turnstile.bootstrap;

/**
 * Door from every client that runs a whole call on its caller's thread (Apache HttpClient 4 and
 * 5 classic) to the agent's shared blocking hooks. Typed with {@code Object}: the bootstrap class
 * path cannot see the libraries. Every call is fail-open.
 */
public final class BlockingClientBridge {

    /** Implemented by the agent; see {@code dev.turnstile.blocking}. */
    public interface Hooks {
        /**
         * Before the client's execute method: null to go on untouched; a {@code java.io.IOException}
         * to fail the call with it (interrupted or timed out while queued); else a token for
         * {@link #exit}: the call holds its slot and goes on.
         */
        Object enter(Object client, Object target, Object request);

        /** After the execute method: the response to return (its body now ends the call). */
        Object exit(Object token, Object response, Throwable thrown);

        /**
         * One attempt's response, on the thread that runs the call; an attempt to a provider with
         * no gated call on this thread is traffic that slipped past the execute door (reported).
         */
        void attempt(Object executor, Object request, Object response);
    }

    private static volatile Hooks hooks;

    private BlockingClientBridge() {
    }

    public static void install(Hooks newHooks) {
        hooks = newHooks;
    }

    public static Object enter(Object client, Object target, Object request) {
        Hooks h = hooks;
        if (h == null) {
            return null;
        }
        try {
            return h.enter(client, target, request);
        } catch (Throwable t) {
            return null;
        }
    }

    public static Object exit(Object token, Object response, Throwable thrown) {
        Hooks h = hooks;
        if (h == null) {
            return response;
        }
        try {
            return h.exit(token, response, thrown);
        } catch (Throwable t) {
            return response;
        }
    }

    public static void attempt(Object executor, Object request, Object response) {
        Hooks h = hooks;
        if (h != null && response != null) {
            try {
                h.attempt(executor, request, response);
            } catch (Throwable ignored) {
                // fail-open: the hooks report their own errors
            }
        }
    }
}
