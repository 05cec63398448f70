package dev.turnstile.okhttp;

import dev.turnstile.bootstrap.OkHttpBridge;
import net.bytebuddy.asm.Advice;

/**
 * Around {@code RealCall.execute()}: marks the call as synchronous on this thread, so its
 * interceptor knows that waiting for the slot blocks the caller, not a dispatcher thread.
 */
public final class ExecuteAdvice {

    private ExecuteAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Object call) {
        return OkHttpBridge.executing(call);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object previous) {
        OkHttpBridge.executed(previous);
    }
}
