package dev.turnstile.bootstrap;

/**
 * Door from Apache HttpClient 4 (classic) to the agent. Typed with {@code Object}: the bootstrap
 * class path cannot see the library. Every call is fail-open.
 */
public final class Apache4Bridge {

    /** Implemented by the agent; see {@code dev.turnstile.apache4}. */
    public interface Hooks {
        /** As {@link Apache5Bridge.Hooks#enterClassic}. */
        Object enter(Object client, Object target, Object request);

        /** As {@link Apache5Bridge.Hooks#exitClassic}. */
        Object exit(Object call, Object response, Throwable thrown);

        /** One attempt's response, on the thread that runs the call. */
        void attempt(Object executor, Object response);
    }

    private static volatile Hooks hooks;

    private Apache4Bridge() {
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

    public static Object exit(Object call, Object response, Throwable thrown) {
        Hooks h = hooks;
        if (h == null) {
            return response;
        }
        try {
            return h.exit(call, response, thrown);
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
                // fail-open
            }
        }
    }
}
