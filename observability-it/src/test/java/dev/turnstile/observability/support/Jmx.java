package dev.turnstile.observability.support;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** A child's MBeans over its JMX port on loopback (no authentication: tests on loopback only). */
public final class Jmx implements AutoCloseable {

    private final JMXConnector connector;
    private final MBeanServerConnection server;

    private Jmx(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
    }

    /** The options that open a child's JMX on {@code port} of loopback. */
    public static List<String> options(int port) {
        return List.of(
                "-Dcom.sun.management.jmxremote.port=" + port,
                "-Dcom.sun.management.jmxremote.rmi.port=" + port,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=false",
                "-Dcom.sun.management.jmxremote.ssl=false");
    }

    /** Connects to {@code port}, retrying while the child starts. */
    public static Jmx connect(int port, ChildJvm child) throws Exception {
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                return new Jmx(JMXConnectorFactory.connect(url));
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not connect to " + url + "\n" + child.transcript(), notYet);
                }
                Thread.sleep(200);
            }
        }
    }

    /** An attribute of {@code dev.turnstile:type=Provider,name=<provider>} as a number (a boolean as 1 or 0). */
    public double provider(String provider, String attribute) throws Exception {
        return number(server.getAttribute(new ObjectName("dev.turnstile:type=Provider,name=" + provider), attribute));
    }

    /** An attribute of {@code dev.turnstile:type=Turnstile} as a number. */
    public double global(String attribute) throws Exception {
        return number(server.getAttribute(new ObjectName("dev.turnstile:type=Turnstile"), attribute));
    }

    /** {@link #provider}, or NaN while the MBean is not there yet: for wait conditions. */
    public double providerNow(String provider, String attribute) {
        try {
            return provider(provider, attribute);
        } catch (Exception e) {
            return Double.NaN; // not registered yet
        }
    }

    private static double number(Object value) {
        return value instanceof Boolean ? ((Boolean) value ? 1 : 0) : ((Number) value).doubleValue();
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
