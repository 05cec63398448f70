package dev.turnstile.okhttp;

import dev.turnstile.bootstrap.OkHttpBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

import java.io.IOException;

/**
 * Around {@code RealCall.getResponseWithInterceptorChain}, which every call runs once (execute on
 * the caller's thread, enqueue on a dispatcher thread), around all its interceptors, OkHttp's own
 * retries and redirects: the slot is taken here. A wait that fails (interrupt, queue timeout)
 * skips the chain, and the call fails with that {@link IOException}.
 */
public final class CallChainAdvice {

    private CallChainAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = IOException.class, suppress = Throwable.class)
    public static Object enter(@Advice.This Object call) {
        return OkHttpBridge.chainStarting(call);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object passage,
                            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object response,
                            @Advice.Thrown(readOnly = false) Throwable thrown) {
        if (passage instanceof IOException) {
            thrown = (IOException) passage;
        } else if (passage != null) {
            response = OkHttpBridge.chainEnded(passage, response, thrown);
        }
    }
}
