package dev.turnstile.okhttp;

import dev.turnstile.bootstrap.OkHttpBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Before {@code RealCall.enqueue(callback)}. A call that must wait for its slot is not enqueued
 * now (it would hold a dispatcher thread, or the dispatcher's per-host queue): the method is
 * skipped and the hook enqueues the call when the slot is granted. A call with a slot goes on with
 * a callback that ends the gated call on failure.
 */
public final class EnqueueAdvice {

    private EnqueueAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Boolean.class, suppress = Throwable.class)
    public static Object enter(@Advice.This Object call,
                               @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC)
                               Object callback) {
        Object decision = OkHttpBridge.enqueue(call, callback);
        if (decision != null && !(decision instanceof Boolean)) {
            callback = decision;
        }
        return decision;
    }
}
