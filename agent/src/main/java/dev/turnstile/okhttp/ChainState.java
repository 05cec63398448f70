package dev.turnstile.okhttp;

import dev.turnstile.http.GatedCall;
import dev.turnstile.http.HeaderLookup;

/**
 * The gated call whose interceptor chain runs on this thread (OkHttp runs a call's whole chain on
 * one thread). The hook after each attempt reports its status through it; a call made from inside
 * the chain (a client layered on another) sees it and does not take a second slot.
 */
public final class ChainState {

    private static final ThreadLocal<ChainState> CURRENT = new ThreadLocal<>();

    private final GatedCall call;
    private final ChainState outer;
    private boolean attemptSeen;

    private ChainState(GatedCall call, ChainState outer) {
        this.call = call;
        this.outer = outer;
    }

    /** The chain running on this thread, or null. */
    public static ChainState current() {
        return CURRENT.get();
    }

    /** {@code call} null: a call made inside another gated call's chain, whose statuses we mute. */
    public static ChainState enter(GatedCall call) {
        ChainState state = new ChainState(call, CURRENT.get());
        CURRENT.set(state);
        return state;
    }

    public void exit() {
        CURRENT.set(outer); // null rather than remove(), which would allocate the thread's entry again next call
    }

    /** False for a call made inside another gated call's chain, whose statuses are muted. */
    public boolean gated() {
        return call != null;
    }

    /** Whether an attempt was reported: then the final response need not be. */
    public boolean attemptSeen() {
        return attemptSeen;
    }

    /** One attempt's response, as the network saw it (redirects and OkHttp's own retries included). */
    public void attempt(int status, HeaderLookup headers) {
        attemptSeen = true;
        if (call != null) {
            call.onResponse(status, headers);
        }
    }

    /** The final response, reported only when no attempt was (a cached answer, say). */
    public void finalResponse(int status, HeaderLookup headers) {
        if (!attemptSeen && call != null) {
            call.onResponse(status, headers);
        }
    }
}
