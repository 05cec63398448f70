package dev.turnstile.bench.e2e.app;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Does an interrupted JDK {@code HttpClient.send} ever fail a call that was not interrupted?
 * {@code THREADS} threads call a loopback server for {@code SECONDS}; half of the calls are
 * interrupted after a random 0–3 ms, the others must all answer 200. Prints how many of those
 * failed, and why. Run it with the agent (the server's {@code 127.0.0.1:PORT} as a provider) and
 * without; with {@code PERMITS}, calls without the agent go one at a time per permit of a
 * semaphore, through {@code sendAsync} and {@code cancel(true)}, as a queued call of the agent's
 * does (agent/README.md, "JDK HttpClient").
 *
 * <pre>java [-javaagent:turnstile-agent.jar=presets=false;providers.p.hosts=127.0.0.1:PORT;providers.p.limit=8]
 *      -cp e2e-apps.jar dev.turnstile.bench.e2e.app.InterruptStress SECONDS THREADS PORT [PERMITS]</pre>
 */
public final class InterruptStress {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
    private final URI uri;
    private final Semaphore permits;
    private final LongAdder answered = new LongAdder();
    private final LongAdder interrupted = new LongAdder();
    private final LongAdder failedUninterrupted = new LongAdder();
    private final Map<String, LongAdder> why = new ConcurrentHashMap<>();

    private InterruptStress(URI uri, Semaphore permits) {
        this.uri = uri;
        this.permits = permits;
    }

    public static void main(String[] args) throws Exception {
        long seconds = Long.parseLong(args[0]);
        int threads = Integer.parseInt(args[1]);
        int port = Integer.parseInt(args[2]);
        Semaphore permits = args.length > 3 ? new Semaphore(Integer.parseInt(args[3]), true) : null;
        HttpServer server = server(port);
        InterruptStress stress = new InterruptStress(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"), permits);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Thread[] callers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            callers[i] = new Thread(() -> {
                while (System.nanoTime() < end) {
                    stress.callOnce();
                }
            }, "stress-" + i);
            callers[i].start();
        }
        for (Thread caller : callers) {
            caller.join();
        }
        System.out.println("answered " + stress.answered + ", interrupted " + stress.interrupted
                + ", failed without an interrupt " + stress.failedUninterrupted + " " + stress.why);
        server.stop(0);
        System.exit(0);
    }

    private static HttpServer server(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 500);
        byte[] body = "{\"id\":\"chatcmpl-1\",\"choices\":[{\"message\":{\"content\":\"ok\"}}]}".getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                Thread.sleep(ThreadLocalRandom.current().nextInt(3));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(32));
        server.start();
        return server;
    }

    private void callOnce() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        boolean interrupt = random.nextBoolean();
        Thread caller = Thread.currentThread();
        AtomicBoolean armed = new AtomicBoolean(interrupt);
        CountDownLatch delivered = new CountDownLatch(1);
        if (interrupt) {
            timers.schedule(() -> {
                if (armed.compareAndSet(true, false)) {
                    caller.interrupt();
                    delivered.countDown();
                }
            }, random.nextInt(3000), TimeUnit.MICROSECONDS);
        }
        try {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            if (response.statusCode() != 200) {
                throw new IOException("status " + response.statusCode());
            }
            answered.increment();
        } catch (InterruptedException e) {
            interrupted.increment();
        } catch (Exception e) {
            if (!interrupt) {
                failedUninterrupted.increment();
                Throwable cause = e;
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                why.computeIfAbsent(e.getMessage() + " <- " + cause.getMessage(), k -> new LongAdder()).increment();
            }
        } finally {
            // An interrupt on its way is waited for and cleared: it must never reach the next call.
            if (interrupt && !armed.compareAndSet(true, false)) {
                try {
                    delivered.await();
                } catch (InterruptedException e) {
                    // cleared below either way
                }
            }
            Thread.interrupted();
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        if (permits == null) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
        permits.acquireUninterruptibly();
        try {
            CompletableFuture<HttpResponse<String>> response = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
            try {
                return response.get();
            } catch (InterruptedException e) {
                response.cancel(true);
                throw e;
            } catch (ExecutionException e) {
                throw (Exception) e.getCause();
            }
        } finally {
            permits.release();
        }
    }
}
