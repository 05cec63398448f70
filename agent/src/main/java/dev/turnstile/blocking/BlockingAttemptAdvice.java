package dev.turnstile.blocking;

import dev.turnstile.bootstrap.BlockingClientBridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into a blocking client's per-attempt method (httpcore's {@code HttpRequestExecutor.execute}):
 * each attempt, below a retry the client makes by itself, so every status (a retried 429 too)
 * reaches the call running on this thread.
 */
public final class BlockingAttemptAdvice {

    private BlockingAttemptAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object executor, @Advice.Argument(0) Object request,
                            @Advice.Return Object response) {
        BlockingClientBridge.attempt(executor, request, response);
    }
}
