package dev.turnstile.urlconnection;

import dev.turnstile.bootstrap.UrlConnectionBridge;
import dev.turnstile.http.Gate;
import dev.turnstile.http.GatedCall;
import dev.turnstile.http.UnclosedBodies;
import dev.turnstile.log.FailOpen;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;

/**
 * Gates {@code HttpURLConnection}. The slot is taken, blocking the caller, when the connection
 * first connects (the method is final by then: {@code getOutputStream} has turned a GET into a
 * POST). The response is reported and the body wrapped when the outermost {@code getInputStream}
 * returns: the JDK calls itself ({@code getResponseCode}, {@code getHeaderField}) from inside it,
 * and only the outermost call sees the final response and the stream the caller keeps.
 */
final class UrlConnectionHooks implements UrlConnectionBridge.Hooks {

    /** Token of a {@code getInputStream} nested in another on the same connection. */
    private static final Object NESTED = new Object();

    private final Gate gate;
    private final WeakIdentityMap<Object, ConnectionState> states = new WeakIdentityMap<>();
    /** The connection whose {@code getInputStream} this thread is inside, if any. */
    private final ThreadLocal<Object> reading = new ThreadLocal<>();

    UrlConnectionHooks(Gate gate) {
        this.gate = gate;
    }

    @Override
    public Throwable beforeConnect(Object connection, boolean connected) {
        if (connected) {
            return null;
        }
        try {
            HttpURLConnection http = (HttpURLConnection) connection;
            URL url = http.getURL();
            if (!gate.mayGate(url.getHost())) {
                return null; // no provider's host: nothing to look up, nothing allocated
            }
            ConnectionState existing = states.get(connection);
            if (existing != null && !existing.mayReconnect()) {
                return null; // a redirect or retry inside a call that holds its slot already
            }
            GatedCall call = gate.open(http.getRequestMethod(), url.getProtocol(), url.getHost(), url.getPort(),
                    url.getPath(), ConnectionHeaders.request(http));
            if (call == null) {
                return null;
            }
            try {
                call.acquire();
            } catch (IOException e) {
                call.fail();
                return e; // interrupted while queued, or the queue timeout
            }
            states.put(connection, new ConnectionState(call));
            UnclosedBodies.watch(connection, call); // dropped with its body unclosed: the slot comes back
            return null;
        } catch (Throwable t) {
            FailOpen.report("HttpURLConnection connect", t);
            return null;
        }
    }

    @Override
    public void failed(Object connection) {
        try {
            ConnectionState state = states.get(connection);
            if (state != null) {
                state.call.fail();
            }
        } catch (Throwable t) {
            FailOpen.report("HttpURLConnection failure", t);
        }
    }

    @Override
    public Object enterInput(Object connection) {
        Object outer = reading.get();
        if (outer == connection) {
            return NESTED;
        }
        reading.set(connection);
        return outer;
    }

    @Override
    public Object exitInput(Object connection, Object token, Object stream, Throwable thrown, int responseCode,
                            boolean connected) {
        if (token == NESTED) {
            return stream;
        }
        try {
            ConnectionState state = states.get(connection);
            if (state == null) {
                return stream;
            }
            if (thrown != null) {
                if (responseCode >= 400) {
                    // The provider has answered. The body waits in getErrorStream, which many
                    // applications never ask for, nor do they disconnect: the call ends now (also
                    // inside getResponseCode), and an error stream asked for later is read ungated.
                    respond(state, connection, responseCode, connected);
                    state.call.complete();
                } else {
                    state.call.fail(thrown); // refused, reset, read timeout before the headers, too many redirects
                }
                return stream;
            }
            if (responseCode != -1) {
                respond(state, connection, responseCode, connected);
            }
            return stream instanceof InputStream ? state.wrap((InputStream) stream, connection) : stream;
        } catch (Throwable t) {
            FailOpen.report("HttpURLConnection getInputStream", t);
            return stream;
        } finally {
            if (token == null) {
                reading.set(null); // not remove(): the next call would allocate the thread's entry again
            } else {
                reading.set(token);
            }
        }
    }

    @Override
    public void disconnected(Object connection) {
        try {
            ConnectionState state = states.remove(connection);
            if (state == null) {
                return;
            }
            if (state.responded()) {
                state.call.complete();
            } else {
                state.call.fail();
            }
        } catch (Throwable t) {
            FailOpen.report("HttpURLConnection disconnect", t);
        }
    }

    /**
     * Reports the final response once. The headers are read through the connection; its nested
     * {@code getInputStream} is marked {@link #NESTED} and does nothing. Without a body (HEAD,
     * 204, 304, length 0) the JDK has let go of the socket ({@code connected} is false): nothing
     * will be read, so the slot goes back now.
     */
    private static void respond(ConnectionState state, Object connection, int responseCode, boolean connected) {
        if (!state.markResponded()) {
            return;
        }
        HttpURLConnection http = (HttpURLConnection) connection;
        state.call.onResponse(responseCode, ConnectionHeaders.response(http));
        if (!connected) {
            state.call.complete();
        }
    }
}
