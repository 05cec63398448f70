package dev.turnstile.vertx4;

import dev.turnstile.bootstrap.Vertx4Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code HttpClientResponseImpl.handleEnd(trailers)}: the last of the body reached the
 * application. The call ends after the application's own end handler ran.
 */
public final class ResponseEndAdvice {

    private ResponseEndAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object response) {
        Vertx4Bridge.onResponseEnd(response);
    }
}
