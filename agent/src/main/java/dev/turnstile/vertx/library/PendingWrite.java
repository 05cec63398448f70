package dev.turnstile.vertx.library;

import io.vertx.core.Future;
import io.vertx.core.Promise;

/** A write of a request that waits for its slot: the arguments of {@code doWrite}, and the future its writer holds. */
final class PendingWrite {

    private final Object request;
    private final Object buffer;
    private final boolean end;
    private final boolean connect;
    private final Promise<Void> promise = Promise.promise();

    PendingWrite(Object request, Object buffer, boolean end, boolean connect) {
        this.request = request;
        this.buffer = buffer;
        this.end = end;
        this.connect = connect;
    }

    /** What the skipped write returns to its caller. */
    Future<Void> skipped() {
        return promise.future();
    }

    /** The request it is a write of. */
    Object request() {
        return request;
    }

    Object[] arguments() {
        return new Object[] {buffer, end, connect};
    }

    /** The write was made and returned {@code written}: its outcome is the skipped write's. */
    @SuppressWarnings("unchecked")
    void written(Object written) {
        ((Future<Void>) written).onComplete(result -> {
            if (result.succeeded()) {
                promise.tryComplete(result.result());
            } else {
                promise.tryFail(result.cause());
            }
        });
    }

    void fail(Throwable why) {
        promise.tryFail(why);
    }
}
