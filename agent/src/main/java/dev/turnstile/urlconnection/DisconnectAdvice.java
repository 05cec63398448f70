package dev.turnstile.urlconnection;

import dev.turnstile.bootstrap.UrlConnectionBridge;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code HttpURLConnection.disconnect()}: the socket is gone, so is the slot. */
public final class DisconnectAdvice {

    private DisconnectAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object connection) {
        UrlConnectionBridge.disconnected(connection);
    }
}
