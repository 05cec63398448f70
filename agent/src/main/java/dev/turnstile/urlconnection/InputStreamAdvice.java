package dev.turnstile.urlconnection;

import dev.turnstile.bootstrap.UrlConnectionBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into {@code HttpURLConnection.getInputStream()}: reports the response and hands out the
 * body wrapped so that its end or close releases the slot. The JDK calls this method from inside
 * itself; the token tells the bridge which call is the outermost.
 */
public final class InputStreamAdvice {

    private InputStreamAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Object connection) {
        return UrlConnectionBridge.enterInput(connection);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object connection, @Advice.Enter Object token,
                            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object stream,
                            @Advice.Thrown Throwable thrown,
                            @Advice.FieldValue("responseCode") int responseCode,
                            @Advice.FieldValue("connected") boolean connected) {
        Object wrapped = UrlConnectionBridge.exitInput(connection, token, stream, thrown, responseCode, connected);
        if (thrown == null) {
            stream = wrapped;
        }
    }
}
