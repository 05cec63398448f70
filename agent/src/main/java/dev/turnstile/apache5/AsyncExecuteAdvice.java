package dev.turnstile.apache5;

import dev.turnstile.bootstrap.Apache5Bridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

import java.util.concurrent.CompletableFuture;

/**
 * Inlined into {@code InternalAbstractHttpAsyncClient.executeImmediate(request, entityProducer,
 * scope, chain, callback)}, which {@code doExecute} calls on the caller's thread once the request
 * is produced. A gated exchange goes on with a callback that ends the call; one that must wait is
 * skipped here and started by the gate when its slot is granted (the client's future is already
 * with the caller, so nothing blocks).
 */
public final class AsyncExecuteAdvice {

    private AsyncExecuteAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = CompletableFuture.class, suppress = Throwable.class)
    public static Object enter(@Advice.This Object client, @Advice.Argument(0) Object request,
                               @Advice.Argument(1) Object entityProducer, @Advice.Argument(2) Object scope,
                               @Advice.Argument(3) Object chain,
                               @Advice.Argument(value = 4, readOnly = false, typing = Assigner.Typing.DYNAMIC)
                               Object callback) {
        Object decision = Apache5Bridge.enterAsync(client, request, entityProducer, scope, chain, callback);
        if (decision != null && !(decision instanceof CompletableFuture)) {
            callback = decision;
        }
        return decision;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object decision, @Advice.Thrown Throwable thrown) {
        if (thrown != null && decision != null && !(decision instanceof CompletableFuture)) {
            Apache5Bridge.exitAsync(decision, thrown);
        }
    }
}
