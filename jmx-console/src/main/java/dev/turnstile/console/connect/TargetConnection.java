package dev.turnstile.console.connect;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import java.io.IOException;

/** An open JMX connection to a target JVM that runs Turnstile. */
public final class TargetConnection implements AutoCloseable {

    private final Target target;
    private final JMXConnector connector;
    private final MBeanServerConnection connection;

    TargetConnection(Target target, JMXConnector connector, MBeanServerConnection connection) {
        this.target = target;
        this.connector = connector;
        this.connection = connection;
    }

    public Target target() {
        return target;
    }

    public MBeanServerConnection mbeans() {
        return connection;
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException ignored) {
            // the target went away; nothing left to close
        }
    }
}
