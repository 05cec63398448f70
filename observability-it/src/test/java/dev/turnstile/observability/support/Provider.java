package dev.turnstile.observability.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in LLM provider on loopback that counts what Turnstile lets through: {@code /v1/chat}
 * holds every call until {@link #release()}, so that calls stay in flight and queued while the
 * test looks; {@code /v1/limited} answers 429 with {@code Retry-After: 1}.
 */
public final class Provider implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    public Provider() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/v1/chat", this::chat);
        server.createContext("/v1/limited", exchange -> answer(exchange, 429, "{\"error\":\"slow down\"}"));
        server.setExecutor(executor);
        server.start();
    }

    /** {@code 127.0.0.1:port}, as Turnstile's hosts want it. */
    public String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public String url() {
        return "http://" + hostPort();
    }

    /** Calls being answered now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** The most calls it was ever answering at once. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** Answers the held calls and every later one at once. */
    public void release() {
        released.countDown();
    }

    private void chat(HttpExchange exchange) throws IOException {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            if (!released.await(60, TimeUnit.SECONDS)) {
                throw new IOException("the test never released the held calls");
            }
            answer(exchange, 200, "{\"choices\":[]}");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (status == 429) {
            exchange.getResponseHeaders().set("Retry-After", "1");
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
    }
}
