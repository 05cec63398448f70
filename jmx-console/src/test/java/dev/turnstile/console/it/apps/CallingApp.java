package dev.turnstile.console.it.apps;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * An application that knows nothing of Turnstile: {@code threads} threads call {@code url} with the
 * JDK HttpClient, one after another, until standard input closes or has a line, or
 * {@code maxSeconds} passed. Each thread is an "agent" (Turnstile's default: one per thread).
 *
 * <p>{@code CallingApp <url> <threads> <maxSeconds>}; with 0 threads it only waits (a plain JVM).
 */
public final class CallingApp {

    /** Extra request headers, {@code Name: value} one a line (e.g. credentials), read from the environment. */
    public static final String HEADERS_VARIABLE = "CALLING_APP_HEADERS";

    private CallingApp() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int threads = Integer.parseInt(args[1]);
        long maxSeconds = Long.parseLong(args[2]);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(() -> callForever(client, url), "caller-" + i);
            thread.setDaemon(true);
            thread.start();
        }
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(maxSeconds * 1000);
            } catch (InterruptedException ignored) {
                // exit anyway
            }
            System.exit(0);
        }, "max-time");
        watchdog.setDaemon(true);
        watchdog.start();
        System.out.println("STARTED");
        System.out.flush();
        // The test that started us holds our standard input: when it goes away, so do we.
        InputStream in = System.in;
        while (true) {
            int c = in.read();
            if (c == -1 || c == '\n') {
                System.exit(0);
            }
        }
    }

    private static void callForever(HttpClient client, String url) {
        while (true) {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"test\"}"))
                        .header("Content-Type", "application/json");
                String[] extra = extraHeaders();
                if (extra.length > 0) { // headers() refuses an empty list
                    request.headers(extra);
                }
                client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                try {
                    Thread.sleep(200); // the server is gone or refused: try again, gently
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    private static String[] extraHeaders() {
        String lines = System.getenv(HEADERS_VARIABLE);
        if (lines == null || lines.isBlank()) {
            return new String[0];
        }
        return lines.lines().map(line -> line.split(": ", 2)).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }
}
