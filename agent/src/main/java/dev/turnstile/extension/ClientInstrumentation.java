package dev.turnstile.extension;

import dev.turnstile.http.Gate;

/**
 * One instrumented HTTP client family: the library and versions it supports, which classes to
 * change (a thin advice each), and the hooks its advice reaches through a bootstrap bridge.
 *
 * <p>Found at start-up by {@link java.util.ServiceLoader}: a family names its implementation in
 * {@code META-INF/services/dev.turnstile.extension.ClientInstrumentation}, whose order is the
 * order of the start line. It needs a public no-argument constructor and must do no work in it.
 */
public interface ClientInstrumentation {

    /** Short name for logs and the start line, e.g. {@code okhttp}. */
    String name();

    /**
     * The library this family changes, the versions it supports, and the shape those versions
     * have. Checked in each class loader before the first of the family's classes is changed
     * there: in a loader whose library lacks part of the shape, nothing of the family is changed.
     */
    SupportedLibrary library();

    /** Names the classes to change, and the advice for their methods. */
    void instrument(AdvicePlan plan);

    /**
     * Connects the family's own bootstrap bridge to the gate. Called once, before any class is
     * transformed. A family that uses only the shared blocking door has nothing to connect.
     */
    default void activate(Gate gate) {
    }

    /**
     * Called once the advice is installed, on a background thread: may load classes so that they
     * are transformed soon after the agent starts rather than during the application's first call.
     */
    default void warmUp() {
    }
}
