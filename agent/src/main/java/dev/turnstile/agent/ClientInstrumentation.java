package dev.turnstile.agent;

import dev.turnstile.http.Gate;

/**
 * One instrumented HTTP client: which classes to change (a thin advice each), and the hooks its
 * advice reaches through the bootstrap bridge.
 */
public interface ClientInstrumentation {

    /** Short name for logs, e.g. {@code okhttp}. */
    String name();

    /** A class whose presence on the system class path says the client is there, for the start line. */
    String probeClass();

    /** Names the classes to change, and the advice for their methods. */
    void instrument(AdvicePlan plan);

    /** Bootstrap bridge classes the instrumented modules must be able to read. */
    Class<?>[] bridges();

    /** Connects the bridge to the gate. Called before any class is transformed. */
    void activate(Gate gate);

    /**
     * Called once the advice is installed, on a background thread: may load classes so that they
     * are transformed soon after the agent starts rather than during the application's first call.
     */
    default void warmUp() {
    }
}
