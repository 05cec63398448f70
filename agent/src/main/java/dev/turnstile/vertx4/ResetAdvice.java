package dev.turnstile.vertx4;

import dev.turnstile.bootstrap.Vertx4Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into the public {@code HttpClientRequestBase.reset(code)} and {@code reset(code, cause)}:
 * the application's own reset (Vert.x's idle timeout and a peer's reset do not pass here). It is
 * told before the failure the reset causes, which then ends the call.
 */
public final class ResetAdvice {

    private ResetAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object request) {
        Vertx4Bridge.onReset(request);
    }
}
