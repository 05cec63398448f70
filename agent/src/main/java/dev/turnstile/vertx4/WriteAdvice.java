package dev.turnstile.vertx4;

import dev.turnstile.bootstrap.Vertx4Bridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code HttpClientRequestImpl.doWrite(buffer, end, connect, handler)}, where every
 * write of a Vert.x 4 request passes and the first one writes its head. Until the head is
 * written, a gated request that must wait for its slot skips the write: the hooks make it (and
 * any write after it) on the request's context when the slot is granted, and its handler hears
 * the outcome then.
 */
public final class WriteAdvice {

    private WriteAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    public static boolean enter(@Advice.This Object request, @Advice.FieldValue("headWritten") boolean headWritten,
                                @Advice.FieldValue("context") Object context, @Advice.Argument(0) Object buffer,
                                @Advice.Argument(1) boolean end, @Advice.Argument(2) boolean connect,
                                @Advice.Argument(3) Object handler) {
        return !headWritten && Vertx4Bridge.beforeWrite(request, context, buffer, end, connect, handler);
    }
}
