package dev.turnstile.blocking;

import dev.turnstile.bootstrap.BlockingClientBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

import java.io.IOException;

/**
 * Inlined into a blocking client's execute method, where every call meets (HttpClient 4's and
 * 5's {@code doExecute(target, request, context)}). A thin door: the caller waits for its slot
 * behind {@link BlockingClientBridge}; when the wait fails (interrupt, queue timeout) the method
 * is skipped and the caller gets that {@link IOException}.
 */
public final class BlockingExecuteAdvice {

    private BlockingExecuteAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = IOException.class, suppress = Throwable.class)
    public static Object enter(@Advice.This Object client, @Advice.Argument(0) Object target,
                               @Advice.Argument(1) Object request) {
        return BlockingClientBridge.enter(client, target, request);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object token,
                            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object response,
                            @Advice.Thrown(readOnly = false) Throwable thrown) {
        if (token instanceof IOException) {
            thrown = (IOException) token;
        } else if (token != null) {
            response = BlockingClientBridge.exit(token, response, thrown);
        }
    }
}
