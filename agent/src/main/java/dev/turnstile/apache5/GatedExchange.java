package dev.turnstile.apache5;

/** The exchange callback that ends an async gated call; implemented in {@code .library}. */
public interface GatedExchange {

    /** The exchange threw before it started: nothing else will end the call. */
    void notStarted();
}
