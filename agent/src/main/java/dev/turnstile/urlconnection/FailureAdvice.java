package dev.turnstile.urlconnection;

import dev.turnstile.bootstrap.UrlConnectionBridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code connect()} (plain and https: the TLS handshake happens after
 * {@code plainConnect}) and {@code getOutputStream()}: when they throw, the exchange is over.
 */
public final class FailureAdvice {

    private FailureAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object connection, @Advice.Thrown Throwable thrown) {
        if (thrown != null) {
            UrlConnectionBridge.failed(connection);
        }
    }
}
