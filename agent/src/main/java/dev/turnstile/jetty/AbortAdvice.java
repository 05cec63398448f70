package dev.turnstile.jetty;

import dev.turnstile.bootstrap.JettyBridge;
import net.bytebuddy.asm.Advice;

/**
 * After {@code HttpRequest.abort(cause)} (the application's abort, an interrupted or timed-out
 * blocking {@code send()}): a request still waiting for its slot leaves the queue. A request
 * under way is aborted by Jetty itself, and its end releases the slot.
 */
public final class AbortAdvice {

    private AbortAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object request) {
        JettyBridge.aborted(request);
    }
}
