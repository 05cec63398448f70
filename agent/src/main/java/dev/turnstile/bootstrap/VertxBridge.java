package dev.turnstile.bootstrap;

/**
 * Door from Vert.x's HTTP client to the agent. Typed with {@code Object}: the bootstrap class
 * path cannot see the library. Every call is fail-open.
 */
public final class VertxBridge {

    /** Implemented by the agent; see {@code dev.turnstile.vertx}. */
    public interface Hooks {
        /**
         * Before a request's write while its head is not written yet: null to write now; else
         * the {@code Future} the write returns instead (it is written when the slot is granted).
         */
        Object beforeWrite(Object request, Object context, Object buffer, boolean end, boolean connect);

        /** A response head arrived for {@code request}: one attempt's status and headers. */
        void onResponse(Object request, Object response);

        /** The last of {@code response}'s body arrived. */
        void onResponseEnd(Object response);

        /** {@code request} failed: reset, timed out, its connection closed, or its response failed. */
        void onFailure(Object request);

        /** The application resets {@code request} (its public {@code reset}), before the failure it causes. */
        void onReset(Object request);
    }

    private static volatile Hooks hooks;

    private VertxBridge() {
    }

    public static void install(Hooks newHooks) {
        hooks = newHooks;
    }

    public static Object beforeWrite(Object request, Object context, Object buffer, boolean end, boolean connect) {
        Hooks h = hooks;
        if (h == null) {
            return null;
        }
        try {
            return h.beforeWrite(request, context, buffer, end, connect);
        } catch (Throwable t) {
            return null;
        }
    }

    public static void onResponse(Object request, Object response) {
        Hooks h = hooks;
        if (h != null) {
            try {
                h.onResponse(request, response);
            } catch (Throwable ignored) {
                // fail-open
            }
        }
    }

    public static void onResponseEnd(Object response) {
        Hooks h = hooks;
        if (h != null) {
            try {
                h.onResponseEnd(response);
            } catch (Throwable ignored) {
                // fail-open
            }
        }
    }

    public static void onFailure(Object request) {
        Hooks h = hooks;
        if (h != null) {
            try {
                h.onFailure(request);
            } catch (Throwable ignored) {
                // fail-open
            }
        }
    }

    public static void onReset(Object request) {
        Hooks h = hooks;
        if (h != null) {
            try {
                h.onReset(request);
            } catch (Throwable ignored) {
                // fail-open
            }
        }
    }
}
