package dev.turnstile.console.web;

import dev.turnstile.console.ConsoleException;
import dev.turnstile.console.connect.Connector;
import dev.turnstile.console.connect.Target;
import dev.turnstile.console.connect.TargetConnection;
import dev.turnstile.console.model.TurnstileClient;

import java.util.function.Function;

/**
 * The web console's link to its target, kept open between requests and opened again after it
 * was lost (the target restarted, a network blip): the next request simply reconnects.
 */
public final class Session implements AutoCloseable {

    private final Target target;
    private final Connector connector;
    private TargetConnection connection;
    private TurnstileClient client;

    public Session(Target target, Connector connector) {
        this.target = target;
        this.connector = connector;
    }

    public Target target() {
        return target;
    }

    /** Runs {@code action} on the target, connecting first if needed. */
    public <T> T call(Function<TurnstileClient, T> action) {
        TurnstileClient current = client();
        try {
            return action.apply(current);
        } catch (ConsoleException e) {
            if (e.reason() == ConsoleException.Reason.UNREACHABLE) {
                drop(current);
            }
            throw e;
        }
    }

    private synchronized TurnstileClient client() {
        if (client == null) {
            connection = connector.open(target);
            client = new TurnstileClient(connection.mbeans(), target.toString());
        }
        return client;
    }

    private synchronized void drop(TurnstileClient lost) {
        if (client == lost) {
            connection.close();
            connection = null;
            client = null;
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
            connection = null;
            client = null;
        }
    }
}
