package dev.turnstile.console.it.support;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in LLM provider on loopback: every call is answered with a short event stream that
 * takes {@code streamMillis}, so that calls stay in flight long enough to be seen. On request it
 * answers the next calls with 429 and a {@code retry-after} hint, as a provider out of quota does.
 */
public final class SlowLlm implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16, runnable -> {
        Thread thread = new Thread(runnable, "slow-llm");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger rateLimitsLeft = new AtomicInteger();
    private volatile int retryAfterSeconds;
    private volatile String lastAuthorization = "";

    public SlowLlm(int streamMillis) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", exchange -> {
            try {
                exchange.getRequestBody().readAllBytes();
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                lastAuthorization = authorization == null ? "" : authorization;
                if (rateLimitsLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                    exchange.getResponseHeaders().set("retry-after", String.valueOf(retryAfterSeconds));
                    exchange.sendResponseHeaders(429, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    for (int i = 0; i < 5; i++) {
                        Thread.sleep(streamMillis / 5);
                        out.write(("data: {\"token\":" + i + "}\n\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                    out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                answered.incrementAndGet();
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** The next {@code calls} calls are answered 429 with {@code retry-after: retryAfterSeconds}. */
    public void rateLimitNext(int calls, int retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
        rateLimitsLeft.set(calls);
    }

    public int answered() {
        return answered.get();
    }

    /** The {@code Authorization} header of the last call, empty when it had none: proof that a secret was sent. */
    public String lastAuthorization() {
        return lastAuthorization;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
