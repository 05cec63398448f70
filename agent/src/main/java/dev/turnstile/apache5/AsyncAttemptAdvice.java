package dev.turnstile.apache5;

import dev.turnstile.bootstrap.Apache5Bridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into {@code HttpAsyncMainClientExec.execute} (and its HTTP/2 twin), the last element
 * of the async chain: runs once per attempt, below the client's retry. The callback is wrapped so
 * each attempt's response head reaches the gated call.
 */
public final class AsyncAttemptAdvice {

    private AsyncAttemptAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object exec, @Advice.Argument(2) Object scope,
                             @Advice.Argument(value = 4, readOnly = false, typing = Assigner.Typing.DYNAMIC)
                             Object callback) {
        callback = Apache5Bridge.attemptCallback(exec, scope, callback);
    }
}
