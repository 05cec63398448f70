package dev.turnstile.vertx4;

import dev.turnstile.bootstrap.Vertx4Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code HttpClientRequestBase.fail(cause)}, where every failure of a request and of
 * its response passes: a reset, the request's timeout, a closed connection, a failed redirect.
 * The call ends after the application heard of it.
 */
public final class FailureAdvice {

    private FailureAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object request) {
        Vertx4Bridge.onFailure(request);
    }
}
