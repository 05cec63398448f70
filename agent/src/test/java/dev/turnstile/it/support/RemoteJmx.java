package dev.turnstile.it.support;

import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

/** A child's JMX port as JConsole reaches it: loopback, no authentication, no TLS (for tests only). */
public final class RemoteJmx {

    private RemoteJmx() {
    }

    /** The options that open the child's JMX on {@code port} of loopback. */
    public static List<String> options(int port) {
        return List.of(
                "-Dcom.sun.management.jmxremote.port=" + port,
                "-Dcom.sun.management.jmxremote.rmi.port=" + port,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=false",
                "-Dcom.sun.management.jmxremote.ssl=false");
    }

    public static JMXServiceURL url(int port) throws IOException {
        return new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
    }

    /** Connects, retrying for 30 s while the child starts. */
    public static JMXConnector connect(JMXServiceURL url, ChildJvm child) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return JMXConnectorFactory.connect(url);
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not connect to " + url + "\n" + child.transcript(), notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
