package dev.turnstile.okhttp;

import dev.turnstile.bootstrap.OkHttpBridge;
import net.bytebuddy.asm.Advice;

/** After {@code RealCall.cancel()}: a call still waiting for its slot leaves the queue. */
public final class CancelAdvice {

    private CancelAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object call) {
        OkHttpBridge.cancelled(call);
    }
}
