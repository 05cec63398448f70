package dev.turnstile.bootstrap;

/**
 * Door from OkHttp (any class loader) to the agent. Typed with {@code Object}: the bootstrap class
 * path cannot see OkHttp.
 */
public final class OkHttpBridge {

    /** Implemented by the agent; see {@code dev.turnstile.okhttp}. */
    public interface Hooks {
        /**
         * Before {@code RealCall.enqueue(callback)}: null to go on untouched; {@code Boolean.TRUE}
         * to skip the enqueue (the call waits for its slot and is enqueued later); anything else is
         * the callback to enqueue instead.
         */
        Object enqueue(Object call, Object callback);

        /**
         * Before {@code RealCall.getResponseWithInterceptorChain()}: null to go on untouched (the
         * call is not gated); a {@code java.io.IOException} to fail the call with it (interrupted
         * or timed out while queued); else a passage for {@link #chainEnded}.
         */
        Object chainStarting(Object call);

        /** After the chain: the response to return (its body now ends the call). */
        Object chainEnded(Object passage, Object response, Throwable thrown);

        /** After {@code CallServerInterceptor.intercept}: one attempt's response, as the network gave it. */
        void attempted(Object response);

        /** Before {@code RealCall.execute()}: marks the call as run on this thread; returns what was marked before. */
        Object executing(Object call);

        /** After {@code RealCall.execute()}: restores the mark {@link #executing} returned. */
        void executed(Object previous);

        /** After {@code RealCall.cancel()}: withdraws the call if it is still waiting for its slot. */
        void cancelled(Object call);
    }

    private static volatile Hooks hooks;

    private OkHttpBridge() {
    }

    public static void install(Hooks newHooks) {
        hooks = newHooks;
    }

    public static Object enqueue(Object call, Object callback) {
        Hooks h = hooks;
        if (h == null) {
            return null;
        }
        try {
            return h.enqueue(call, callback);
        } catch (Throwable t) {
            return null;
        }
    }

    public static Object chainStarting(Object call) {
        Hooks h = hooks;
        if (h == null) {
            return null;
        }
        try {
            return h.chainStarting(call);
        } catch (Throwable t) {
            return null;
        }
    }

    public static Object chainEnded(Object passage, Object response, Throwable thrown) {
        Hooks h = hooks;
        if (h == null) {
            return response;
        }
        try {
            return h.chainEnded(passage, response, thrown);
        } catch (Throwable t) {
            return response;
        }
    }

    public static void attempted(Object response) {
        Hooks h = hooks;
        if (h != null) {
            try {
                h.attempted(response);
            } catch (Throwable ignored) {
                // fail-open: the hook reports its own errors
            }
        }
    }

    public static Object executing(Object call) {
        Hooks h = hooks;
        if (h == null) {
            return null;
        }
        try {
            return h.executing(call);
        } catch (Throwable t) {
            return null;
        }
    }

    public static void executed(Object previous) {
        Hooks h = hooks;
        if (h != null) {
            try {
                h.executed(previous);
            } catch (Throwable ignored) {
                // fail-open
            }
        }
    }

    public static void cancelled(Object call) {
        Hooks h = hooks;
        if (h != null) {
            try {
                h.cancelled(call);
            } catch (Throwable ignored) {
                // fail-open: the hook reports its own errors
            }
        }
    }
}
