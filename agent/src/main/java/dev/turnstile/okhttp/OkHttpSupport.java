package dev.turnstile.okhttp;

/**
 * The OkHttp work that needs OkHttp's own types, implemented in {@code .library} (one copy per
 * library class loader) and called by {@link OkHttpHooks} with plain objects.
 */
public interface OkHttpSupport {

    /** Adds our interceptors to {@code builder} unless they are there already; never adds twice. */
    void configure(Object builder);

    /** See {@link dev.turnstile.bootstrap.OkHttpBridge.Hooks#chainStarting}: null or a {@link CallPassage}; a failed wait throws. */
    Object chainStarting(Object call, Object client) throws java.io.IOException;

    /** See {@link dev.turnstile.bootstrap.OkHttpBridge.Hooks#enqueue}. */
    Object enqueue(Object call, Object callback);
}
