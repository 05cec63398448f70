package dev.turnstile.micrometer;

/** The binder next to the application's Micrometer, as the agent sees it: Micrometer types stay out of this package. */
public interface MeterBinding {

    /** {@code composite} (a {@code CompositeMeterRegistry}) was given a registry; binds to it if it is the global one. */
    void registryAdded(Object composite);
}
