package dev.turnstile.jetty.library;

import dev.turnstile.http.DeferredExchange;
import dev.turnstile.http.GatedCall;

/** A conversation's gated call, and its deferred send while it waits for its slot. */
final class ConversationCall {

    private final GatedCall call;
    private volatile DeferredExchange deferred;

    ConversationCall(GatedCall call) {
        this.call = call;
    }

    GatedCall call() {
        return call;
    }

    /** The send waits for its slot: an abort withdraws it. */
    void waiting(DeferredExchange deferredSend) {
        this.deferred = deferredSend;
    }

    /** The request was aborted: a send still waiting never goes; one under way Jetty aborts itself. */
    void aborted() {
        DeferredExchange waitingSend = deferred;
        if (waitingSend != null) {
            waitingSend.cancel(false);
        }
    }
}
