package dev.turnstile.jetty;

import dev.turnstile.bootstrap.JettyBridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code HttpDestination.send(request, listener)}, where every send of Jetty's
 * client meets, on the thread that sends. A request that must wait for its slot is not queued in
 * Jetty now: the method is skipped and the hook sends it when the slot is granted, so no thread
 * waits (the blocking {@code send()} waits on its own future, as it always does).
 */
public final class SendAdvice {

    private SendAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Boolean.class, suppress = Throwable.class)
    public static Object enter(@Advice.This Object destination, @Advice.Argument(0) Object request,
                               @Advice.Argument(1) Object listener) {
        return JettyBridge.send(destination, request, listener);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object call, @Advice.Thrown Throwable thrown) {
        if (thrown != null && call != null && !(call instanceof Boolean)) {
            JettyBridge.sendFailed(call, thrown);
        }
    }
}
