package dev.turnstile.apache4;

import dev.turnstile.bootstrap.Apache4Bridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

import java.io.IOException;

/**
 * Inlined into {@code doExecute(HttpHost, HttpRequest, HttpContext)} of HttpClient 4's clients
 * (4.3+), where every {@code execute} overload meets. A thin door: the caller waits for its slot
 * behind {@link Apache4Bridge}; when the wait fails the method is skipped and the caller gets
 * that {@link IOException}.
 */
public final class ExecuteAdvice {

    private ExecuteAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = IOException.class, suppress = Throwable.class)
    public static Object enter(@Advice.This Object client, @Advice.Argument(0) Object target,
                               @Advice.Argument(1) Object request) {
        return Apache4Bridge.enter(client, target, request);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object call,
                            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object response,
                            @Advice.Thrown(readOnly = false) Throwable thrown) {
        if (call instanceof IOException) {
            thrown = (IOException) call;
        } else if (call != null) {
            response = Apache4Bridge.exit(call, response, thrown);
        }
    }
}
