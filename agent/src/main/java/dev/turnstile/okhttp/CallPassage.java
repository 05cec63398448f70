package dev.turnstile.okhttp;

/**
 * A call on its way through the gate, opened by {@link OkHttpSupport#chainStarting} when its
 * interceptor chain starts, ended once when the chain returns or throws.
 */
public interface CallPassage {

    /** The chain's result ({@code thrown} null) or failure: returns the response to hand on. */
    Object ended(Object response, Throwable thrown);
}
