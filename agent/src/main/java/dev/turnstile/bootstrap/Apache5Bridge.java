package dev.turnstile.bootstrap;

/**
 * Door from Apache HttpClient 5 (classic and async) to the agent. Typed with {@code Object}: the
 * bootstrap class path cannot see the library. Every call is fail-open.
 */
public final class Apache5Bridge {

    /** Implemented by the agent; see {@code dev.turnstile.apache5}. */
    public interface Hooks {
        /**
         * Before a classic {@code doExecute}: null to go on untouched; a {@code java.io.IOException}
         * to fail the call with it (interrupted or timed out while queued); else a gated call that
         * holds its slot and goes on.
         */
        Object enterClassic(Object client, Object target, Object request);

        /** After a classic {@code doExecute}: the response to return (its body now ends the call). */
        Object exitClassic(Object call, Object response, Throwable thrown);

        /** One attempt's response, on the thread that runs a classic call. */
        void attempt(Object executor, Object response);

        /**
         * Before an async exchange starts: null to go on untouched; a
         * {@code CompletableFuture} to skip it (it starts when its slot is granted); else the
         * exchange callback to use instead of {@code callback}.
         */
        Object enterAsync(Object client, Object request, Object entityProducer, Object scope, Object chain,
                          Object callback);

        /** The async exchange could not start: its call ends. */
        void exitAsync(Object callback, Throwable thrown);

        /** The callback one async attempt reports to: the original, or one that reports its status. */
        Object attemptCallback(Object exec, Object scope, Object callback);
    }

    private static volatile Hooks hooks;

    private Apache5Bridge() {
    }

    public static void install(Hooks newHooks) {
        hooks = newHooks;
    }

    public static Object enterClassic(Object client, Object target, Object request) {
        Hooks h = hooks;
        if (h == null) {
            return null;
        }
        try {
            return h.enterClassic(client, target, request);
        } catch (Throwable t) {
            return null;
        }
    }

    public static Object exitClassic(Object call, Object response, Throwable thrown) {
        Hooks h = hooks;
        if (h == null) {
            return response;
        }
        try {
            return h.exitClassic(call, response, thrown);
        } catch (Throwable t) {
            return response;
        }
    }

    public static void attempt(Object executor, Object response) {
        Hooks h = hooks;
        if (h != null && response != null) {
            try {
                h.attempt(executor, response);
            } catch (Throwable ignored) {
                // fail-open: the hook reports its own errors
            }
        }
    }

    public static Object enterAsync(Object client, Object request, Object entityProducer, Object scope, Object chain,
                                    Object callback) {
        Hooks h = hooks;
        if (h == null) {
            return null;
        }
        try {
            return h.enterAsync(client, request, entityProducer, scope, chain, callback);
        } catch (Throwable t) {
            return null;
        }
    }

    public static void exitAsync(Object callback, Throwable thrown) {
        Hooks h = hooks;
        if (h != null) {
            try {
                h.exitAsync(callback, thrown);
            } catch (Throwable ignored) {
                // fail-open
            }
        }
    }

    public static Object attemptCallback(Object exec, Object scope, Object callback) {
        Hooks h = hooks;
        if (h == null) {
            return callback;
        }
        try {
            return h.attemptCallback(exec, scope, callback);
        } catch (Throwable t) {
            return callback;
        }
    }
}
