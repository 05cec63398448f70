package dev.turnstile.vertx;

import dev.turnstile.bootstrap.VertxBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into {@code HttpClientRequestImpl.doWrite(buffer, end, connect)}, where every write of a
 * request passes and the first one writes its head. Until the head is written, a gated request
 * that must wait for its slot skips the write: the hooks hand back a future and write it (and any
 * write after it) on the request's context when the slot is granted.
 */
public final class WriteAdvice {

    private WriteAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    public static Object enter(@Advice.This Object request, @Advice.FieldValue("headWritten") boolean headWritten,
                               @Advice.FieldValue("context") Object context, @Advice.Argument(0) Object buffer,
                               @Advice.Argument(1) boolean end, @Advice.Argument(2) boolean connect) {
        return headWritten ? null : VertxBridge.beforeWrite(request, context, buffer, end, connect);
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Enter Object deferred,
                            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object written) {
        if (deferred != null) {
            written = deferred;
        }
    }
}
