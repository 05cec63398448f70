package dev.turnstile.bootstrap;

/**
 * Door from Apache HttpClient 5's async client to the agent (the classic client goes through
 * {@link BlockingClientBridge}). Typed with {@code Object}: the bootstrap class path cannot see
 * the library. Every call is fail-open.
 */
public final class Apache5Bridge {

    /** Implemented by the agent; see {@code dev.turnstile.apache5}. */
    public interface Hooks {
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

        /** A client that cannot be gated ({@code MinimalHttpAsyncClient}) leases a connection to {@code host}. */
        void ungatedLease(Object client, Object host);
    }

    private static volatile Hooks hooks;

    private Apache5Bridge() {
    }

    public static void install(Hooks newHooks) {
        hooks = newHooks;
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

    public static void ungatedLease(Object client, Object host) {
        Hooks h = hooks;
        if (h != null) {
            try {
                h.ungatedLease(client, host);
            } catch (Throwable ignored) {
                // fail-open: the hooks report their own errors
            }
        }
    }
}
