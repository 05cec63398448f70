package dev.turnstile.jdkhttp;

import dev.turnstile.bootstrap.JdkHttpBridge;
import net.bytebuddy.asm.Advice;

import java.util.concurrent.CompletableFuture;

/**
 * Inlined into {@code HttpClientImpl.sendAsync(request, handler, pushHandler, executor)}, where
 * {@code send} and both public {@code sendAsync} overloads meet. A thin door: everything happens
 * behind {@link JdkHttpBridge}. When the call must wait for its slot, the original method is
 * skipped and the caller gets a future that starts the call once the slot is granted.
 */
public final class SendAsyncAdvice {

    private SendAsyncAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = CompletableFuture.class, suppress = Throwable.class)
    public static Object enter(@Advice.This Object client,
                               @Advice.Argument(0) Object request,
                               @Advice.Argument(value = 1, readOnly = false, typing = net.bytebuddy.implementation.bytecode.assign.Assigner.Typing.DYNAMIC) Object handler,
                               @Advice.Argument(2) Object pushHandler) {
        Object call = JdkHttpBridge.enter(client, request, handler, pushHandler);
        if (call != null && !(call instanceof CompletableFuture)) {
            handler = JdkHttpBridge.wrapHandler(call, handler);
        }
        return call;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object call,
                            @Advice.Return(readOnly = false, typing = net.bytebuddy.implementation.bytecode.assign.Assigner.Typing.DYNAMIC) Object result,
                            @Advice.Thrown Throwable thrown) {
        if (call instanceof CompletableFuture) {
            result = call;
        } else if (call != null) {
            result = JdkHttpBridge.exit(call, result, thrown);
        }
    }
}
