package dev.turnstile.urlconnection;

import dev.turnstile.bootstrap.UrlConnectionBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Inlined into {@code HttpURLConnection.getErrorStream()}: a 4xx/5xx body releases like any other. */
public final class ErrorStreamAdvice {

    private ErrorStreamAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object connection,
                            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object stream) {
        stream = UrlConnectionBridge.errorStream(connection, stream);
    }
}
