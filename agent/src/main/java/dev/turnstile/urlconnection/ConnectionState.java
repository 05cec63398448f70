package dev.turnstile.urlconnection;

import dev.turnstile.http.GatedCall;
import dev.turnstile.http.ReleasingInputStream;

import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What Turnstile knows of one gated {@code HttpURLConnection}. Streams are held weakly: the JDK's
 * body stream refers back to its connection, and a strong reference from here would keep the
 * connection, the key of this state, alive for ever.
 */
final class ConnectionState {

    final GatedCall call;
    private final AtomicBoolean responded = new AtomicBoolean();
    private volatile Body body;

    ConnectionState(GatedCall call) {
        this.call = call;
    }

    /** True the first time only: the response is reported once. */
    boolean markResponded() {
        return responded.compareAndSet(false, true);
    }

    boolean responded() {
        return responded.get();
    }

    /** A call that failed before any response may be tried again on the same connection. */
    boolean mayReconnect() {
        return call.isEnded() && !responded.get();
    }

    /**
     * The releasing wrapper of {@code raw}: the same one each time the JDK hands out the same
     * stream (it does, from every {@code getInputStream}), so nothing is
     * wrapped twice. The wrapper keeps {@code connection} reachable: it is the connection whose
     * collection says the application dropped the body (see {@code UnclosedBodies}).
     */
    InputStream wrap(InputStream raw, Object connection) {
        Body current = body;
        if (current != null && current.raw.get() == raw) {
            InputStream wrapped = current.wrapped.get();
            if (wrapped != null) {
                return wrapped;
            }
        }
        InputStream wrapped = new ReleasingInputStream(raw, call, connection);
        body = new Body(raw, wrapped);
        return wrapped;
    }

    private static final class Body {
        final WeakReference<InputStream> raw;
        final WeakReference<InputStream> wrapped;

        Body(InputStream raw, InputStream wrapped) {
            this.raw = new WeakReference<>(raw);
            this.wrapped = new WeakReference<>(wrapped);
        }
    }
}
