package dev.turnstile.vertx4;

import dev.turnstile.bootstrap.Vertx4Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code HttpClientRequestImpl.handleResponse(promise, response, timeout)}: each
 * response head of a request, a redirect's included, so every attempt's status reaches the gate.
 */
public final class ResponseAdvice {

    private ResponseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object request, @Advice.Argument(1) Object response) {
        Vertx4Bridge.onResponse(request, response);
    }
}
