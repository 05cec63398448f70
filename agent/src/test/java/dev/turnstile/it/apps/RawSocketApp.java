package dev.turnstile.it.apps;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * An application that reaches a provider twice, either over a raw {@code java.net.Socket}
 * writing HTTP by hand ({@code raw}), which no family gates, or through the JDK's
 * {@code HttpClient} ({@code jdk}), which is gated. Prints {@code CALL status-line} per call,
 * then {@code UNGATED n}: provider {@code test}'s {@code Ungated} attribute, read over JMX (in
 * {@code raw}, once it reached 2 or after 20 s).
 *
 * <p>{@code RawSocketApp client=<name> <url> <rawUrl>} calls {@code url} (provider {@code test})
 * twice through the gated client {@code name} of {@link TestClients}, then {@code rawUrl}
 * (provider {@code raw}) once over a raw socket, and waits for that raw connection to be judged
 * ungated: the client's connections, opened earlier, were judged before it. Prints
 * {@code UNGATED test=n raw=m}.
 */
public final class RawSocketApp {

    private static final String BODY = "{\"model\":\"m\"}";

    private RawSocketApp() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        if (mode.startsWith("client=")) {
            clientThenRaw(mode.substring("client=".length()), args[1], URI.create(args[2]));
            return;
        }
        URI uri = URI.create(args[1]);
        for (int i = 0; i < 2; i++) {
            System.out.println("CALL " + (mode.equals("raw") ? rawPost(uri) : jdkPost(uri)));
        }
        // A connection is judged ungated only after a grace in which a gated call could have claimed it.
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (mode.equals("raw") && !ungated().equals("2") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        System.out.println("UNGATED " + ungated());
    }

    private static void clientThenRaw(String clientName, String url, URI rawUri) throws Exception {
        try (TestClient client = TestClients.create(clientName, Duration.ofSeconds(10))) {
            for (int i = 0; i < 2; i++) {
                System.out.println("CALL " + client.call("POST", url));
            }
            System.out.println("CALL " + rawPost(rawUri));
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!ungated("raw").equals("1") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            System.out.println("UNGATED test=" + ungated("test") + " raw=" + ungated("raw"));
        }
        System.exit(0); // a client's idle threads must not keep the JVM
    }

    private static String rawPost(URI uri) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
            socket.setSoTimeout(10_000);
            String request = "POST " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ':' + uri.getPort()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + BODY.length()
                    + "\r\nConnection: close\r\n\r\n" + BODY;
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return statusLine(socket.getInputStream());
        }
    }

    /** The response's first line; the rest (a stream, perhaps) is left unread. */
    private static String statusLine(InputStream in) throws Exception {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static String jdkPost(URI uri) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofString());
        return "HTTP " + response.statusCode();
    }

    /** {@code none} when the agent's MBean did not appear within 20 s. */
    private static String ungated() throws Exception {
        return ungated("test");
    }

    private static String ungated(String provider) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("dev.turnstile:type=Provider,name=" + provider);
        long deadline = System.nanoTime() + 20_000_000_000L;
        // The agent registers its MBeans off its start-up thread: a short application can get here first.
        while (!server.isRegistered(name) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return server.isRegistered(name) ? String.valueOf(server.getAttribute(name, "Ungated")) : "none";
    }
}
