package dev.turnstile.bench.fleet;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The provider every replica calls, in the benchmark's JVM: {@code POST /call?ms=N} answers after
 * N ms, {@code POST /hold} only once {@link #releaseHeld()} is called. It records the peak of
 * calls in flight and when each instant call ({@code ms=0}) arrived.
 */
final class ProviderStub implements AutoCloseable {

    private static final byte[] ANSWER = "{\"id\":\"fleet\",\"choices\":[]}".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicInteger held = new AtomicInteger();
    private final BlockingQueue<Long> instantArrivals = new LinkedBlockingQueue<>();
    private volatile CountDownLatch release = new CountDownLatch(1);

    ProviderStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.createContext("/call", this::call);
        server.createContext("/hold", this::hold);
        server.setExecutor(threads);
        server.start();
    }

    String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void call(HttpExchange exchange) throws IOException {
        long arrived = System.currentTimeMillis();
        int now = inFlight.incrementAndGet();
        peak.accumulateAndGet(now, Math::max);
        try {
            exchange.getRequestBody().readAllBytes();
            long millis = Long.parseLong(exchange.getRequestURI().getQuery().substring("ms=".length()));
            if (millis == 0) {
                instantArrivals.add(arrived);
            } else {
                TimeUnit.MILLISECONDS.sleep(millis);
            }
            answer(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void hold(HttpExchange exchange) throws IOException {
        held.incrementAndGet();
        try {
            exchange.getRequestBody().readAllBytes();
            release.await(5, TimeUnit.MINUTES);
            answer(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException callerGone) {
            // the holding JVM was killed
        } finally {
            held.decrementAndGet();
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, ANSWER.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(ANSWER);
        }
    }

    /** Peak of {@code /call}s in flight since the last reset, and resets it. */
    int takePeak() {
        return peak.getAndSet(inFlight.get());
    }

    int held() {
        return held.get();
    }

    /** When the next instant call arrived (epoch ms), waiting up to {@code seconds}; -1 if none came. */
    long nextInstantArrival(long seconds) throws InterruptedException {
        Long at = instantArrivals.poll(seconds, TimeUnit.SECONDS);
        return at == null ? -1 : at;
    }

    void clearInstantArrivals() {
        instantArrivals.clear();
    }

    void releaseHeld() {
        CountDownLatch open = release;
        release = new CountDownLatch(1);
        open.countDown();
    }

    @Override
    public void close() {
        releaseHeld();
        server.stop(0);
        threads.shutdownNow();
    }
}
