package dev.turnstile.okhttp;

/**
 * The OkHttp work that needs OkHttp's own types, implemented in {@code .library} (one copy per
 * library class loader) and called by {@link OkHttpHooks} with plain objects.
 */
public interface OkHttpSupport {

    /** See {@link dev.turnstile.bootstrap.OkHttpBridge.Hooks#chainStarting}: null or a {@link CallPassage}; a failed wait throws. */
    Object chainStarting(Object call) throws java.io.IOException;

    /** One attempt's {@code Response} of the gated call whose chain runs on this thread ({@code state}). */
    void attempted(ChainState state, Object response);

    /** See {@link dev.turnstile.bootstrap.OkHttpBridge.Hooks#enqueue}. */
    Object enqueue(Object call, Object callback);
}
