package dev.turnstile.apache5;

import dev.turnstile.bootstrap.Apache5Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into httpcore5's {@code HttpRequestExecutor.execute(request, connection, callback,
 * context)}: each attempt of a classic call, below the client's own retry, so every status
 * (a retried 429 too) reaches the call running on this thread.
 */
public final class ClassicAttemptAdvice {

    private ClassicAttemptAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object executor, @Advice.Return Object response) {
        Apache5Bridge.attempt(executor, response);
    }
}
