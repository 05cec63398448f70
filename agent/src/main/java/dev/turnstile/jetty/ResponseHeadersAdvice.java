package dev.turnstile.jetty;

import dev.turnstile.bootstrap.JettyBridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code HttpReceiver.responseHeaders(exchange)}: the head of every response of
 * every transport, before the client's protocol handlers (redirect, authentication) act on it,
 * so each attempt's status and headers reach the gated call.
 */
public final class ResponseHeadersAdvice {

    private ResponseHeadersAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) Object exchange) {
        JettyBridge.responseHeaders(exchange);
    }
}
