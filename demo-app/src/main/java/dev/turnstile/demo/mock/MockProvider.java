package dev.turnstile.demo.mock;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OpenAI-compatible provider stand-in: {@code POST /v1/chat/completions} streams
 * {@code max_tokens} tokens as server-sent events at the given {@link Pace}, and answers a request
 * above the concurrency cap at once with {@code 429} and {@code Retry-After}, as real providers do.
 *
 * <p>The provider counts a request as finished when it has sent its last token, just before the
 * closing {@code data: [DONE]}: a client that releases its slot on the end of the stream can never
 * be seen by the provider as still in flight.
 */
public final class MockProvider implements AutoCloseable {

    public static final String PATH = "/v1/chat/completions";
    private static final int DEFAULT_TOKENS = 32;

    private final HttpServer server;
    private final ExecutorService threads;
    private final ConcurrencyCap cap;
    private final Pace pace;
    private final Duration retryAfter;
    private final Sleeper sleeper;
    private final AtomicLong ids = new AtomicLong();

    private MockProvider(HttpServer server, ConcurrencyCap cap, Pace pace, Duration retryAfter, Sleeper sleeper) {
        this.server = server;
        this.cap = cap;
        this.pace = pace;
        this.retryAfter = retryAfter;
        this.sleeper = sleeper;
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "mock-provider");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext(PATH, this::handle);
    }

    /** Starts a provider on {@code address} (port 0: any free port). */
    public static MockProvider start(InetSocketAddress address, int cap, Pace pace, Duration retryAfter,
                                     Sleeper sleeper) throws IOException {
        MockProvider provider = new MockProvider(HttpServer.create(address, 256), new ConcurrencyCap(cap), pace,
                retryAfter, sleeper);
        provider.server.start();
        return provider;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://host:port}, the base URL an OpenAI client is given. */
    public String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + port();
    }

    public ConcurrencyCap cap() {
        return cap;
    }

    public Pace pace() {
        return pace;
    }

    /** Whole seconds, rounded up, as the {@code Retry-After} header carries them. */
    public long retryAfterSeconds() {
        long millis = retryAfter.toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = readAll(exchange.getRequestBody());
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "application/json", "{\"error\":{\"message\":\"use POST\"}}");
                return;
            }
            if (!cap.tryEnter()) {
                exchange.getResponseHeaders().add("Retry-After", Long.toString(retryAfterSeconds()));
                send(exchange, 429, "application/json", ChatChunks.rateLimitError(cap.cap()));
                return;
            }
            answer(exchange, body);
        }
    }

    private void answer(HttpExchange exchange, String body) throws IOException {
        boolean left = false;
        try {
            int tokens = ChatChunks.maxTokens(body, DEFAULT_TOKENS);
            String model = ChatChunks.model(body);
            String id = "chatcmpl-mock-" + ids.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.getResponseHeaders().add("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            sleeper.sleep(pace.firstToken());
            for (int i = 0; i < tokens; i++) {
                if (i > 0) {
                    sleeper.sleep(pace.tokenInterval());
                }
                write(out, ChatChunks.tokenEvent(id, model, i));
            }
            write(out, ChatChunks.finishEvent(id, model));
            cap.leave();
            left = true;
            write(out, ChatChunks.DONE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (!left) {
                cap.leave();
            }
        }
    }

    private static void write(OutputStream out, String event) throws IOException {
        out.write(event.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange exchange, int status, String contentType, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
