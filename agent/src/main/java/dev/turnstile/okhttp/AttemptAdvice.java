package dev.turnstile.okhttp;

import dev.turnstile.bootstrap.OkHttpBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * After {@code CallServerInterceptor.intercept}, the last link of every chain, which runs once per
 * attempt (OkHttp's retries, redirects and auth follow-ups included): reports the attempt's status,
 * so a 429 that OkHttp answers with a follow-up still pauses the provider.
 */
public final class AttemptAdvice {

    private AttemptAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Return(typing = Assigner.Typing.DYNAMIC) Object response) {
        OkHttpBridge.attempted(response);
    }
}
