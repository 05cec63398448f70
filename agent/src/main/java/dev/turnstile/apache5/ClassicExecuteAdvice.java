package dev.turnstile.apache5;

import dev.turnstile.bootstrap.Apache5Bridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

import java.io.IOException;

/**
 * Inlined into {@code doExecute(HttpHost, ClassicHttpRequest, HttpContext)} of HttpClient 5's
 * classic clients, where every {@code execute} overload meets. A thin door: the caller waits for
 * its slot behind {@link Apache5Bridge}; when the wait fails (interrupt, queue timeout) the method
 * is skipped and the caller gets that {@link IOException}.
 */
public final class ClassicExecuteAdvice {

    private ClassicExecuteAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = IOException.class, suppress = Throwable.class)
    public static Object enter(@Advice.This Object client, @Advice.Argument(0) Object target,
                               @Advice.Argument(1) Object request) {
        return Apache5Bridge.enterClassic(client, target, request);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object call,
                            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object response,
                            @Advice.Thrown(readOnly = false) Throwable thrown) {
        if (call instanceof IOException) {
            thrown = (IOException) call;
        } else if (call != null) {
            response = Apache5Bridge.exitClassic(call, response, thrown);
        }
    }
}
