package dev.turnstile.vertx.library;

import dev.turnstile.http.DeferredExchange;
import dev.turnstile.http.GatedCall;
import io.vertx.core.Context;
import io.vertx.core.http.HttpClientRequest;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One gated request. When its slot is free at once, its writes go out as usual. Otherwise its
 * writes wait, in order, and are made on the request's context once the slot is granted; a
 * failure of the request while it waits (its reset, its idle timeout, its connection closed)
 * withdraws it from the queue, and a queue timeout fails it saying why. Once a response head has
 * come, the application's own reset ends the call as a success (it stopped reading by choice, as
 * an early close on every client); any other failure (a peer's reset, a closed connection, an
 * idle timeout) fails it.
 */
final class GatedRequest implements DeferredExchange.Client {

    private final GatedCall call;
    private final HttpClientRequest request;
    private final Executor onContext;
    private final RequestMethods methods;
    // A lock, not a monitor: no agent code on a call path enters a monitor (virtual threads).
    private final ReentrantLock lock = new ReentrantLock();
    private final Queue<PendingWrite> pending = new ArrayDeque<>(); // guarded by lock
    private boolean waiting;                                          // guarded by lock
    private Thread writing;                                           // guarded by lock
    private volatile DeferredExchange deferred;
    private volatile boolean answered;
    private volatile boolean stoppedReading;

    GatedRequest(GatedCall call, HttpClientRequest request, Context context, RequestMethods methods) {
        this.call = call;
        this.request = request;
        this.onContext = task -> context.runOnContext(ignored -> task.run());
        this.methods = methods;
    }

    GatedCall call() {
        return call;
    }

    /** The request's first write: null to write it now, else what the skipped write returns. */
    Object begin(PendingWrite first) {
        DeferredExchange exchange = DeferredExchange.request(call);
        if (exchange.grantedAtOnce()) {
            return null;
        }
        lock.lock();
        try {
            waiting = true;
            pending.add(first);
        } finally {
            lock.unlock();
        }
        deferred = exchange;
        exchange.startWhenGranted(this, onContext);
        return first.skipped();
    }

    /** A later write: null to write it now, else it waits behind the first. */
    Object deferIfWaiting(PendingWrite write) {
        lock.lock();
        try {
            if (!waiting || writing == Thread.currentThread()) {
                return null;
            }
            pending.add(write);
        } finally {
            lock.unlock();
        }
        return write.skipped();
    }

    /** Granted, on the request's context: the waiting writes go out in order. */
    @Override
    public void start() {
        while (true) {
            PendingWrite next;
            lock.lock();
            try {
                next = pending.poll();
                if (next == null) {
                    waiting = false;
                    writing = null;
                    return;
                }
                writing = Thread.currentThread();
            } finally {
                lock.unlock();
            }
            try {
                next.written(methods.write(request, next));
            } catch (Exception e) {
                next.fail(e);
            }
        }
    }

    /** Never started (cancelled, queue timeout): its writes and the request fail with {@code why}. */
    @Override
    public void fail(Throwable why) {
        PendingWrite[] waited;
        lock.lock();
        try {
            waiting = false;
            waited = pending.toArray(new PendingWrite[0]);
            pending.clear();
        } finally {
            lock.unlock();
        }
        for (PendingWrite write : waited) {
            write.fail(why);
        }
        methods.fail(request, why);
    }

    /** A response head arrived. */
    void answered() {
        answered = true;
    }

    /** The application resets the request; the failure that follows ends the call. */
    void resetByTheApplication() {
        if (answered) {
            stoppedReading = true;
        }
    }

    /** The request failed: a waiting request leaves the queue; either way its call ends (see above). */
    void failed() {
        DeferredExchange exchange = deferred;
        if (exchange != null) {
            exchange.cancel(false);
        }
        if (stoppedReading) {
            call.complete();
        } else {
            call.fail();
        }
    }
}
