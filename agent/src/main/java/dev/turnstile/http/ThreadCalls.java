package dev.turnstile.http;

import java.io.IOException;

/**
 * The blocking calls in progress, one per thread, for clients that run a whole call on the
 * caller's thread (Apache classic). The entry hook acquires the slot; a per-attempt hook deeper
 * in the same stack finds the call here and reports each attempt's status, so a client's own
 * retry of a 429 still pauses the provider while the slot stays one per call.
 */
public final class ThreadCalls {

    private final ThreadLocal<Entry> current = new ThreadLocal<>();

    /** True while this thread runs a gated call: a nested execute (a delegating client) is not gated again. */
    public boolean busy() {
        return current.get() != null;
    }

    /**
     * Waits for the slot, then makes {@code call} this thread's current call. Returns its entry,
     * or the {@link IOException} the call must fail with (interrupted or timed out while queued).
     */
    public Object enter(GatedCall call) {
        try {
            call.acquire();
        } catch (IOException e) {
            call.fail();
            return e;
        }
        Entry entry = new Entry(call);
        current.set(entry);
        return entry;
    }

    /** The call left the client's execute method (the body may still be read later). */
    public void leave() {
        current.remove();
    }

    /** One attempt's response on this thread; ignored when no gated call runs here. */
    public void attempt(int status, HeaderLookup headers) {
        Entry entry = current.get();
        if (entry != null) {
            entry.attemptSeen = true;
            entry.call.onResponse(status, headers);
        }
    }

    /** A gated call running on its caller's thread. */
    public static final class Entry {
        private final GatedCall call;
        private boolean attemptSeen; // touched by the owning thread only

        Entry(GatedCall call) {
            this.call = call;
        }

        public GatedCall call() {
            return call;
        }

        /** False when no per-attempt hook saw a response (a client path without one): report the final one. */
        public boolean attemptSeen() {
            return attemptSeen;
        }
    }
}
