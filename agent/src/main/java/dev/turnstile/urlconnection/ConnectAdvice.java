package dev.turnstile.urlconnection;

import dev.turnstile.bootstrap.UrlConnectionBridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code HttpURLConnection.plainConnect()}, where {@code connect},
 * {@code getOutputStream}, {@code getInputStream} and the https delegate all come to open the
 * socket. Waits for the slot; when the wait fails (interrupt, queue timeout) the connect is
 * skipped and throws that {@code IOException} instead.
 */
public final class ConnectAdvice {

    private ConnectAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    public static Throwable enter(@Advice.This Object connection, @Advice.FieldValue("connected") boolean connected) {
        return UrlConnectionBridge.beforeConnect(connection, connected);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object connection, @Advice.Enter Throwable refused,
                            @Advice.Thrown(readOnly = false) Throwable thrown) {
        if (refused != null) {
            thrown = refused;
        } else if (thrown != null) {
            UrlConnectionBridge.failed(connection);
        }
    }
}
