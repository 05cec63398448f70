package dev.turnstile.http;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The writes of a request that waits for its slot, for a client whose request is written in
 * several steps (head, body chunks, end) by the application's own calls: an event-loop client
 * such as Vert.x. The first write asks for the slot through {@link DeferredExchange}; while the
 * request waits, its writes queue in order; once granted, they are made in that order on the
 * given executor; when it is never granted (cancelled, queue timeout), each queued write and then
 * the request fail saying why.
 *
 * @param <W> one write, as the client family keeps its arguments. It holds its request: while
 *            the request waits, nothing of the client need hold it (Vert.x's connection may not,
 *            before the head is written), and a request collected there would never be written.
 */
public final class DeferredWrites<W> implements DeferredExchange.Client {

    /** The client family's side: how to make a write, and how to fail one and the request. */
    public interface Writer<W> {

        /** Makes {@code write} now, as the client would have when it was asked. */
        void write(W write) throws Exception;

        /** {@code write} will never be made: its caller hears {@code why}. */
        void fail(W write, Throwable why);

        /** The request never started: fail it as the client fails a request, with {@code why}; {@code first} was its first write. */
        void failRequest(W first, Throwable why);
    }

    private final GatedCall call;
    private final Writer<W> writer;
    private final Executor startOn;
    // A lock, not a monitor: no agent code on a call path enters a monitor (virtual threads).
    private final ReentrantLock lock = new ReentrantLock();
    private final Queue<W> pending = new ArrayDeque<>(); // guarded by lock
    private boolean waiting;                              // guarded by lock
    private Thread writing;                               // guarded by lock
    private volatile DeferredExchange deferred;
    private volatile boolean answered;
    private volatile boolean stoppedReading;

    /** @param startOn where the writes are made once granted: the request's event loop */
    public DeferredWrites(GatedCall call, Writer<W> writer, Executor startOn) {
        this.call = call;
        this.writer = writer;
        this.startOn = startOn;
    }

    public GatedCall call() {
        return call;
    }

    /** The request's first write: false to make it now (the slot was free), true when it waits, queued. */
    public boolean deferFirst(W first) {
        DeferredExchange exchange = DeferredExchange.request(call);
        if (exchange.grantedAtOnce()) {
            return false;
        }
        lock.lock();
        try {
            waiting = true;
            pending.add(first);
        } finally {
            lock.unlock();
        }
        deferred = exchange;
        exchange.startWhenGranted(this, startOn);
        return true;
    }

    /** A later write: false to make it now, true when it waits behind the first. */
    public boolean deferIfWaiting(W write) {
        lock.lock();
        try {
            if (!waiting || writing == Thread.currentThread()) {
                return false;
            }
            pending.add(write);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Granted, on the executor: the waiting writes go out in order (a write they cause goes straight through). */
    @Override
    public void start() {
        while (true) {
            W next;
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
                writer.write(next);
            } catch (Exception e) {
                writer.fail(next, e);
            }
        }
    }

    /** Never started (cancelled, queue timeout): its writes and the request fail with {@code why}. */
    @Override
    public void fail(Throwable why) {
        Queue<W> waited;
        lock.lock();
        try {
            waiting = false;
            waited = new ArrayDeque<>(pending);
            pending.clear();
        } finally {
            lock.unlock();
        }
        W first = waited.peek();
        for (W write : waited) {
            writer.fail(write, why);
        }
        if (first != null) {
            writer.failRequest(first, why);
        }
    }

    /** A response head arrived. */
    public void answered() {
        answered = true;
    }

    /** The application resets the request (its own public reset); the failure that follows ends the call. */
    public void resetByTheApplication() {
        if (answered) {
            stoppedReading = true;
        }
    }

    /**
     * The request failed (reset, timed out, connection closed): a waiting request leaves the queue;
     * either way its call ends. The application's own reset after a response head ends it as a
     * success (it stopped reading by choice, as an early close does on every client); any other
     * failure (a peer's reset, a closed connection, an idle timeout) fails it.
     */
    public void failed() {
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
