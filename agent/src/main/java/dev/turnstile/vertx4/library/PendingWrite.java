package dev.turnstile.vertx4.library;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;

/** A write of a request that waits for its slot: the request, and the arguments of Vert.x 4's {@code doWrite}, its completion handler last. */
final class PendingWrite {

    private final Object request;
    private final Object buffer;
    private final boolean end;
    private final boolean connect;
    private final Handler<AsyncResult<Void>> handler;

    @SuppressWarnings("unchecked")
    PendingWrite(Object request, Object buffer, boolean end, boolean connect, Object handler) {
        this.request = request;
        this.buffer = buffer;
        this.end = end;
        this.connect = connect;
        this.handler = (Handler<AsyncResult<Void>>) handler;
    }

    /** The request it is a write of. */
    Object request() {
        return request;
    }

    Object[] arguments() {
        return new Object[] {buffer, end, connect, handler};
    }

    /** The write will never be made: its handler hears {@code why}, as it hears a failed write. */
    void fail(Throwable why) {
        if (handler != null) {
            handler.handle(Future.failedFuture(why));
        }
    }
}
