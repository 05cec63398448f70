package dev.turnstile.bootstrap;

/**
 * Door from {@code jdk.internal.net.http.HttpClientImpl} (platform class loader) to the agent.
 * Typed with {@code Object}: the bootstrap class path cannot see {@code java.net.http}.
 */
public final class JdkHttpBridge {

    /** Implemented by the agent; see {@code dev.turnstile.jdkhttp}. */
    public interface Hooks {
        /**
         * Before a send: null to go on untouched; a {@code CompletableFuture} to skip the send and
         * return that future instead (the call waits for its slot); anything else is a gated call
         * that goes on now with {@link #wrapHandler wrapped} body handling.
         */
        Object enter(Object client, Object request, Object handler, Object pushHandler);

        Object wrapHandler(Object call, Object handler);

        /** After a send that went on now: what the caller gets instead of {@code responseFuture}. */
        Object exit(Object call, Object responseFuture, Throwable thrown);
    }

    private static volatile Hooks hooks;

    private JdkHttpBridge() {
    }

    public static void install(Hooks newHooks) {
        hooks = newHooks;
    }

    public static Object enter(Object client, Object request, Object handler, Object pushHandler) {
        Hooks h = hooks;
        if (h == null) {
            return null;
        }
        try {
            return h.enter(client, request, handler, pushHandler);
        } catch (Throwable t) {
            return null;
        }
    }

    public static Object wrapHandler(Object call, Object handler) {
        Hooks h = hooks;
        if (h == null) {
            return handler;
        }
        try {
            return h.wrapHandler(call, handler);
        } catch (Throwable t) {
            return handler;
        }
    }

    public static Object exit(Object call, Object responseFuture, Throwable thrown) {
        Hooks h = hooks;
        if (h == null) {
            return responseFuture;
        }
        try {
            return h.exit(call, responseFuture, thrown);
        } catch (Throwable ignored) {
            return responseFuture; // fail-open: the hook reports its own errors
        }
    }
}
