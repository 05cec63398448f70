package dev.turnstile.http;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * An asynchronous exchange that waits for its call's slot without blocking anyone: the one way
 * the JDK's {@code sendAsync}, OkHttp's {@code enqueue} and Apache 5's async client start late,
 * and the way for event-loop clients.
 *
 * <p>A client family asks with {@link #request}. When the slot is free at once
 * ({@link #grantedAtOnce()}), the family goes on as usual, on the caller's thread. Otherwise it
 * hands its {@link Client} to {@link #startWhenGranted} and returns to the caller; from then on
 * exactly one of these happens, once:
 * <ul>
 *   <li>the slot is granted: {@link Client#start()} runs, holding it;</li>
 *   <li>{@link #cancel} came first: the call leaves the queue, and {@link Client#fail} hears a
 *       {@link CancellationException};</li>
 *   <li>the queue timeout passed: {@link Client#fail} hears the {@link java.io.IOException} that
 *       says why;</li>
 *   <li>{@code start} threw, or the executor refused it: the slot goes back, and
 *       {@link Client#fail} hears why.</li>
 * </ul>
 * A cancel that races the grant never leaks the slot: whichever comes second gives it back. A
 * cancel once the start began reaches the exchange through {@link Client#cancelStarted}, once,
 * after {@code start} returned.
 *
 * <p>Threads. {@code start} and {@code fail} run on the executor given to
 * {@link #startWhenGranted(Client, Executor)}; without one, on the thread that decided: another
 * call's release, the scheduler's timer, or the thread that cancelled. The scheduler hands a
 * grant over after its lock is released and with the releasing thread's interrupt status set
 * aside, so a start may start other calls and is not failed by another caller's interrupt.
 * Neither may block. A client bound to an event loop (Netty, Vert.x) passes the loop as the
 * executor, so its start runs there. {@link #cancel} may come from any thread.
 */
public final class DeferredExchange {

    /** The client family's side of one deferred exchange. */
    public interface Client {

        /**
         * Starts the exchange, which holds the slot from now on: its end (body done, error,
         * cancel) ends the call as for any exchange. Must not block. Throwing fails the call:
         * its slot goes back and {@link #fail} hears what was thrown.
         */
        void start() throws Exception;

        /**
         * The exchange never starts; the call's slot is given back already. {@code why} is a
         * {@link CancellationException} (cancelled while queued), the queue timeout's
         * {@link java.io.IOException}, or what {@link #start} or the executor threw.
         */
        void fail(Throwable why);

        /**
         * Cancels the started exchange. Most clients' own cancel reaches the exchange by itself,
         * so by default this does nothing.
         */
        default void cancelStarted(boolean mayInterruptIfRunning) {
        }
    }

    private static final Executor GRANTING_THREAD = Runnable::run;

    private static final int WAITING = 0;
    private static final int STARTING = 1;
    private static final int CANCELLED_WHILE_STARTING = 2;
    private static final int STARTED = 3;
    /** Never started (cancelled, timed out, failed), or started and cancelled since. */
    private static final int DONE = 4;

    private final GatedCall call;
    private final CompletableFuture<Void> slot;
    private final boolean grantedAtOnce;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(DeferredExchange.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One of the constants above, changed through {@link #STATE}: a field, not an {@code AtomicInteger} per exchange. */
    private volatile int state = WAITING;
    private volatile boolean mayInterruptIfRunning;
    private volatile Client client;
    private volatile Executor startOn;

    private DeferredExchange(GatedCall call) {
        this.call = call;
        this.slot = call.acquireAsync();
        this.grantedAtOnce = slot.isDone() && !slot.isCompletedExceptionally();
    }

    /** Asks for {@code call}'s slot, never blocking. */
    public static DeferredExchange request(GatedCall call) {
        return new DeferredExchange(call);
    }

    /**
     * True when the slot was free at once: the caller goes on with the exchange itself, now.
     * (Handing a client to {@link #startWhenGranted} would start it right away, on this thread.)
     */
    public boolean grantedAtOnce() {
        return grantedAtOnce;
    }

    /** Starts {@code client}'s exchange when the slot is granted, on the thread that grants it. */
    public void startWhenGranted(Client client) {
        startWhenGranted(client, GRANTING_THREAD);
    }

    /** Starts {@code client}'s exchange when the slot is granted, on {@code startOn}. Call it once. */
    public void startWhenGranted(Client client, Executor startOn) {
        this.client = client;
        this.startOn = startOn;
        slot.whenComplete(this::decided);
    }

    /**
     * Withdraws the exchange: a call still queued leaves the queue and never starts; one whose
     * start began is cancelled through {@link Client#cancelStarted} once the start returned.
     * Safe from any thread, any number of times. True when the call was still queued.
     */
    public boolean cancel(boolean mayInterruptIfRunning) {
        this.mayInterruptIfRunning = mayInterruptIfRunning; // read by a start that sees the cancel
        while (true) {
            int now = state;
            if (now == WAITING && STATE.compareAndSet(this, WAITING, DONE)) {
                slot.cancel(false); // leaves the queue; the slot's decision tells the client
                call.fail();        // gives back a slot granted just before
                return true;
            }
            if (now == STARTING && STATE.compareAndSet(this, STARTING, CANCELLED_WHILE_STARTING)) {
                return false;
            }
            if (now == STARTED && STATE.compareAndSet(this, STARTED, DONE)) {
                cancelStarted();
                return false;
            }
            if (now == CANCELLED_WHILE_STARTING || now == DONE) {
                return false;
            }
        }
    }

    /** The slot's decision: granted, timed out, or cancelled. Runs once, on the deciding thread. */
    private void decided(Void granted, Throwable error) {
        if (error == null && STATE.compareAndSet(this, WAITING, STARTING)) {
            try {
                startOn.execute(this::start);
            } catch (RuntimeException refused) { // an event loop shut down, say
                notStarted(refused);
            }
            return;
        }
        Throwable why = error != null ? error : new CancellationException("cancelled while waiting for its slot");
        state = DONE;
        call.fail(); // gives back a slot granted as the exchange was cancelled; else just ends the call
        try {
            startOn.execute(() -> tell(why));
        } catch (RuntimeException refused) {
            tell(why);
        }
    }

    private void start() {
        if (state == CANCELLED_WHILE_STARTING) { // while the start waited for its executor
            notStarted(new CancellationException("cancelled before it started"));
            return;
        }
        try {
            client.start();
        } catch (Throwable t) {
            notStarted(t);
            return;
        }
        if (!STATE.compareAndSet(this, STARTING, STARTED)) {
            state = DONE;
            cancelStarted(); // cancelled while it started
        }
    }

    private void notStarted(Throwable why) {
        state = DONE;
        call.fail();
        tell(why);
    }

    private void tell(Throwable why) {
        try {
            client.fail(why);
        } catch (Throwable ignored) {
            // The application's callback threw: it must not reach the thread that decided.
        }
    }

    private void cancelStarted() {
        try {
            client.cancelStarted(mayInterruptIfRunning);
        } catch (Throwable ignored) {
            // The client's own cancel failed: nothing of ours to undo, and the canceller must not see it.
        }
    }
}
