package dev.turnstile.bench.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The simulation's provider model ({@link SimProvider}) served over HTTP on real time, for a run of
 * real agents in a child JVM: every POST is a call, answered 200 after the call time drawn from
 * {@code callTime}, or 429 at once, with the model's headers. The model's time starts with the
 * first call; for {@code runSeconds} from then it samples, every {@link CapacityRun#SAMPLE_SECONDS},
 * how many of the cap's slots serve a call, as {@link CapacityRun} does for a concurrency cap.
 */
final class MockProviderServer implements AutoCloseable {

    private static final byte[] ANSWER = "{\"id\":\"sim\",\"object\":\"chat.completion\",\"choices\":[]}"
            .getBytes(StandardCharsets.UTF_8);

    private final ProviderLimits limits;
    private final Draw callTime;
    private final double runSeconds;
    private final SimProvider provider;
    private final Random random;
    private final ReentrantLock lock = new ReentrantLock();
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    private long startNanos = -1; // guarded by lock, as are the samples and the provider
    private double used;
    private double offered;

    /** What the provider saw over the run. */
    record Measured(double utilisation, long served, long rejected) {
    }

    MockProviderServer(ProviderLimits limits, Draw callTime, double runSeconds, long seed) throws IOException {
        this.limits = limits;
        this.callTime = callTime;
        this.runSeconds = runSeconds;
        this.provider = limits.provider();
        this.random = new Random(seed);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            exchange.getRequestBody().readAllBytes();
            double seconds;
            SimProvider.Answer answer;
            lock.lock();
            try {
                if (startNanos < 0) {
                    startNanos = System.nanoTime();
                    long period = (long) (CapacityRun.SAMPLE_SECONDS * 1e9);
                    sampler.scheduleAtFixedRate(this::sample, period / 2, period, TimeUnit.NANOSECONDS);
                }
                seconds = callTime.seconds(random);
                answer = provider.admit(now(), Workload.callTokens(random));
            } finally {
                lock.unlock();
            }
            if (answer.served()) {
                sleep(seconds);
                Map<String, String> headers;
                lock.lock();
                try {
                    headers = provider.finish(now());
                } finally {
                    lock.unlock();
                }
                send(exchange, 200, headers);
            } else {
                sleep(provider.rejectSeconds());
                send(exchange, 429, answer.headers());
            }
        } finally {
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers) throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, ANSWER.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(ANSWER);
        }
    }

    private void sample() {
        lock.lock();
        try {
            double seconds = now();
            if (seconds < runSeconds) {
                int cap = limits.concurrency().at(seconds);
                used += Math.min(provider.inFlight(), cap) * CapacityRun.SAMPLE_SECONDS;
                offered += cap * CapacityRun.SAMPLE_SECONDS;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Seconds since the first call; guarded by lock. */
    private double now() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void sleep(double seconds) {
        try {
            TimeUnit.NANOSECONDS.sleep((long) (seconds * 1e9));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the provider saw; call once the agents are done. */
    Measured measured() {
        lock.lock();
        try {
            return new Measured(offered == 0 ? Double.NaN : used / offered, provider.served(), provider.rejected());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        sampler.shutdownNow();
        handlers.shutdownNow();
    }
}
