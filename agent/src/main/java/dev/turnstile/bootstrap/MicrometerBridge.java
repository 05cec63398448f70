package dev.turnstile.bootstrap;

/**
 * Door from Micrometer (any class loader) to the agent. Typed with {@code Object}: the bootstrap
 * class path cannot see Micrometer.
 */
public final class MicrometerBridge {

    /** Implemented by the agent; see {@code dev.turnstile.micrometer}. */
    public interface Hooks {
        /** After {@code CompositeMeterRegistry.add(registry)}: {@code composite} may now pass meters on. */
        void registryAdded(Object composite);
    }

    private static volatile Hooks hooks;

    private MicrometerBridge() {
    }

    public static void install(Hooks newHooks) {
        hooks = newHooks;
    }

    public static void registryAdded(Object composite) {
        Hooks h = hooks;
        if (h != null) {
            try {
                h.registryAdded(composite);
            } catch (Throwable t) {
                // the application's metrics go on without ours
            }
        }
    }
}
