package dev.turnstile.core.time;

/** A scheduled task that may still be called off. Cancelling twice, or after it ran, is harmless. */
@FunctionalInterface
public interface Cancellable {

    Cancellable NONE = () -> { };

    void cancel();
}
