package dev.turnstile.okhttp;

import dev.turnstile.http.DeferredExchange;
import dev.turnstile.http.Gate;
import dev.turnstile.http.GatedCall;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the OkHttp hooks and the interceptors (one copy per library class loader) share, keyed by
 * the OkHttp {@code Call} itself: {@code RealCall} keeps identity equality, and per-call state
 * must live on the call, not in a thread local, since an enqueued call runs on a dispatcher thread.
 * Entries live from {@code enqueue} until the interceptor or the callback takes them.
 */
public final class OkHttpCalls {

    private static volatile Gate gate;

    /** Async calls whose slot is granted, until their interceptor runs. */
    private static final Map<Object, GatedCall> GRANTED = new ConcurrentHashMap<>();

    /** Async calls still waiting for their slot (cancel withdraws them). */
    private static final Map<Object, DeferredExchange> WAITING = new ConcurrentHashMap<>();

    /** Set while we enqueue a call ourselves, already gated (or cancelled): not to be gated again. */
    private static final ThreadLocal<Boolean> RESUMING = new ThreadLocal<>();

    /**
     * The call whose {@code execute()} runs on this thread: only its interceptor may block for a
     * slot. Any other call here is an enqueued one on a dispatcher thread, which must not block.
     */
    private static final ThreadLocal<Object> EXECUTING = new ThreadLocal<>();

    private OkHttpCalls() {
    }

    static void activate(Gate newGate) {
        gate = newGate;
    }

    public static Gate gate() {
        return gate;
    }

    public static void granted(Object call, GatedCall gated) {
        GRANTED.put(call, gated);
    }

    /** The granted gated call of an enqueued call, taken once; null for a call not enqueued through us. */
    public static GatedCall claim(Object call) {
        return GRANTED.isEmpty() ? null : GRANTED.remove(call);
    }

    public static void waiting(Object call, DeferredExchange exchange) {
        WAITING.put(call, exchange);
    }

    public static void doneWaiting(Object call) {
        WAITING.remove(call);
    }

    /** Withdraws a call still waiting for its slot; its exchange does the rest. */
    static void cancelled(Object call) {
        if (!WAITING.isEmpty()) {
            DeferredExchange exchange = WAITING.get(call);
            if (exchange != null) {
                exchange.cancel(false);
            }
        }
    }

    static Object executing(Object call) {
        Object previous = EXECUTING.get();
        EXECUTING.set(call);
        return previous;
    }

    static void executed(Object previous) {
        EXECUTING.set(previous); // not remove() for null: the next call would allocate the thread's entry again
    }

    /** True when {@code call} is being executed synchronously on this thread, so waiting here is the caller's wait. */
    public static boolean mayBlockFor(Object call) {
        return EXECUTING.get() == call;
    }

    public static boolean resuming() {
        return RESUMING.get() != null;
    }

    /** Runs our own enqueue of a call that was gated already, so the enqueue hook lets it through. */
    public static void resume(Runnable enqueue) {
        RESUMING.set(Boolean.TRUE);
        try {
            enqueue.run();
        } finally {
            RESUMING.remove();
        }
    }
}
