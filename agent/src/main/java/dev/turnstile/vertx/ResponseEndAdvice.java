package dev.turnstile.vertx;

import dev.turnstile.bootstrap.VertxBridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code HttpClientResponseImpl.handleEnd(trailers)}: the last of the body reached the
 * application (a paused response gets there only when resumed). The call ends after the
 * application's own end handler ran.
 */
public final class ResponseEndAdvice {

    private ResponseEndAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object response) {
        VertxBridge.onResponseEnd(response);
    }
}
