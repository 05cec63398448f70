package dev.turnstile.apache4;

import dev.turnstile.bootstrap.Apache4Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into httpcore 4's {@code HttpRequestExecutor.execute(request, connection, context)}:
 * each attempt, below a retry the client may make by itself (a configured
 * {@code ServiceUnavailableRetryStrategy}), so every status reaches the call on this thread.
 */
public final class AttemptAdvice {

    private AttemptAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object executor, @Advice.Return Object response) {
        Apache4Bridge.attempt(executor, response);
    }
}
