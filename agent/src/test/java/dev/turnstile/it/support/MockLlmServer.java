package dev.turnstile.it.support;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.BufferedSink;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An LLM provider stand-in on {@link MockWebServer} that counts, on the server side, how many
 * requests are in flight: from the moment a request arrives to the last byte of its answer.
 *
 * <p>Paths (query parameters shape the answer):
 * <ul>
 *   <li>{@code /v1/stream?events=N&delayMs=D} — a server-sent-event stream of N events, D ms apart;</li>
 *   <li>{@code /v1/ratelimit?first=K&retryAfter=S} — the first K requests get 429 with
 *       {@code Retry-After: S}, the rest a short stream; with {@code retryDelay=S} instead, no
 *       header but Gemini's {@code google.rpc.RetryInfo} body with {@code "retryDelay": "Ss"};</li>
 *   <li>{@code /v1/stall} — headers, one event, then silence for 30 s (for read timeouts);</li>
 *   <li>{@code /v1/stall-headers} — silence for 30 s before the headers (for clients whose
 *       timeout covers only the wait for headers, like the JDK's);</li>
 *   <li>{@code /v1/empty} — 204 No Content, no body;</li>
 *   <li>{@code /v1/redirect?to=P} — 307 to {@code P}, a URL-encoded path and query;</li>
 *   <li>{@value #OPENAI_STREAM} — a streamed OpenAI chat completion (for Spring AI, whose base
 *       URL is then {@code /openai});</li>
 *   <li>anything else — a small JSON answer after {@code delayMs}.</li>
 * </ul>
 * Faults (see {@link #fault}): {@code /v1/reset} closes the socket once it has read the request,
 * before any header; {@code /v1/drop-mid-stream?events=N&delayMs=D} sends the headers and N
 * events of a stream, then drops the connection.
 */
public final class MockLlmServer implements AutoCloseable {

    /** The 429 goes out after this pause, and the calls admitted with it take longer: see below. */
    private static final int RATE_LIMIT_DELAY_MS = 100;

    /** The path of a streamed OpenAI chat completion, under the base URL {@code /openai}. */
    public static final String OPENAI_STREAM = "/openai/v1/chat/completions";
    public static final int OPENAI_STREAM_CHUNKS = 5;
    /** What the chunks of an {@link #OPENAI_STREAM} say, joined. */
    public static final String OPENAI_STREAM_TEXT = "word0 word1 word2 word3 word4 ";

    private final MockWebServer server = new MockWebServer();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger rateLimitedSoFar = new AtomicInteger();
    private final AtomicLong firstRateLimitMillis = new AtomicLong(-1);
    private final List<Exchange> exchanges = Collections.synchronizedList(new ArrayList<>());
    private final long startNanos = System.nanoTime();

    /** One request as the server saw it, in millis since the server started. */
    public static final class Exchange {
        public final String method;
        public final String path;
        /** The path with its query, as the request named it. */
        public final String target;
        public final long arrivedMillis;
        public volatile long finishedMillis = -1;
        public volatile int status;

        Exchange(String method, String path, long arrivedMillis) {
            this(method, path, path, arrivedMillis);
        }

        Exchange(String method, String path, String target, long arrivedMillis) {
            this.method = method;
            this.path = path;
            this.target = target;
            this.arrivedMillis = arrivedMillis;
        }

        @Override
        public String toString() {
            return method + " " + path + " " + status + " [" + arrivedMillis + ".." + finishedMillis + "]";
        }
    }

    public MockLlmServer() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    public int port() {
        return server.getPort();
    }

    /** {@code http://127.0.0.1:port} + path. */
    public String url(String pathAndQuery) {
        return "http://127.0.0.1:" + port() + pathAndQuery;
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** Starts counting the peak again from what is in flight now: a test that reuses the server, case by case. */
    public void resetPeak() {
        maxInFlight.set(inFlight.get());
    }

    public List<Exchange> exchanges() {
        synchronized (exchanges) {
            return new ArrayList<>(exchanges);
        }
    }

    private long now() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private MockResponse answer(RecordedRequest request) {
        String target = request.getTarget();
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        Exchange exchange = new Exchange(request.getMethod(), path, target, now());
        exchanges.add(exchange);
        int current = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(current, Math::max);
        awaitCompany(intParam(target, "together", 0));
        int events = intParam(target, "events", 5);
        int delayMs = intParam(target, "delayMs", 50);
        MockResponse runtimeFault = runtimeFault(path, target, exchange);
        if (runtimeFault != null) {
            return runtimeFault;
        }
        MockResponse fault = fault(path, exchange, events, delayMs);
        if (fault != null) {
            return fault;
        }
        switch (path) {
            case "/v1/ratelimit":
                if (rateLimitedSoFar.incrementAndGet() <= intParam(target, "first", 1)) {
                    firstRateLimitMillis.compareAndSet(-1, exchange.arrivedMillis);
                    exchange.status = 429;
                    // Every call admitted together with this one has arrived, and is still in
                    // flight, when the 429 goes out: any later arrival was queued behind it.
                    int retryDelay = intParam(target, "retryDelay", -1);
                    MockResponse.Builder limited = new MockResponse.Builder().code(429)
                            .headersDelay(RATE_LIMIT_DELAY_MS, TimeUnit.MILLISECONDS)
                            .addHeader("Content-Type", "application/json")
                            .addHeader("Transfer-Encoding", "chunked");
                    // Content-Length goes after body(), which sets it (to -1 for a streamed body:
                    // Netty and Vert.x refuse that next to chunked).
                    if (retryDelay < 0) {
                        return limited.addHeader("Retry-After", String.valueOf(intParam(target, "retryAfter", 1)))
                                .body(new CountingBody(exchange, List.of("{\"error\":\"rate_limited\"}"), 0))
                                .removeHeader("Content-Length").build();
                    }
                    // Gemini's way: no header, the hint in the body, split across two chunks.
                    return limited.body(new CountingBody(exchange, List.of(
                            "{\"error\": {\"code\": 429, \"status\": \"RESOURCE_EXHAUSTED\", \"details\": [{\"@type\": ",
                            "\"type.googleapis.com/google.rpc.RetryInfo\", \"retryDelay\": \"" + retryDelay + "s\"}]}}"), 0))
                            .removeHeader("Content-Length").build();
                }
                exchange.status = 200;
                // A call that arrives before the pause could have ended stays in flight past it:
                // its slot cannot free up early and let a queued call in, however late the busy
                // client reads the 429. Calls after the pause answer quickly.
                long firstLimited = firstRateLimitMillis.get();
                boolean beforePauseEnd = firstLimited < 0 || now() < firstLimited + 1_000L * intParam(target, "retryAfter", 1);
                return stream(exchange, 2, beforePauseEnd ? 700 : RATE_LIMIT_DELAY_MS);
            case "/v1/error":
                exchange.status = intParam(target, "status", 500);
                return new MockResponse.Builder().code(exchange.status).addHeader("Content-Type", "application/json")
                        .addHeader("Transfer-Encoding", "chunked")
                        .body(new CountingBody(exchange, List.of("{\"error\":\"server_error\"}"), 0))
                        .removeHeader("Content-Length")
                        .build();
            case "/v1/stall":
                exchange.status = 200;
                return stream(exchange, 1, 30_000);
            case "/v1/stall-headers":
                exchange.status = 200;
                return new MockResponse.Builder(stream(exchange, 1, 0)).headersDelay(30, TimeUnit.SECONDS).build();
            case "/v1/redirect":
                exchange.status = 307;
                exchange.finishedMillis = now();
                inFlight.decrementAndGet();
                return new MockResponse.Builder().code(307).addHeader("Location", stringParam(target, "to", "/")).build();
            case "/v1/empty":
                exchange.status = 204;
                exchange.finishedMillis = now();
                inFlight.decrementAndGet();
                return new MockResponse.Builder().code(204).build();
            case "/v1/stream":
                exchange.status = 200;
                return stream(exchange, events, delayMs);
            case OPENAI_STREAM:
                exchange.status = 200;
                return openAiStream(exchange);
            default:
                exchange.status = 200;
                return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                        .addHeader("Transfer-Encoding", "chunked")
                        .body(new CountingBody(exchange, List.of("{\"id\":\"cmpl-1\",\"choices\":[]}"), delayMs))
                        .removeHeader("Content-Length")
                        .build();
        }
    }

    // ---------------------------------------------------------------- faults

    /** The answer of a fault path, or null for any other path. */
    private MockResponse fault(String path, Exchange exchange, int events, int delayMs) {
        switch (path) {
            case "/v1/reset":
                exchange.finishedMillis = now();
                inFlight.decrementAndGet();
                return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
            case "/v1/drop-mid-stream":
                exchange.status = 200;
                MockResponse whole = stream(exchange, events + 10, delayMs);
                return new MockResponse.Builder(whole).onResponseBody(new SocketEffect.CloseSocket())
                        .body(((CountingBody) whole.getBody()).closedAfter(events)).removeHeader("Content-Length").build();
            default:
                return null;
        }
    }

    /**
     * An OpenAI chat completion streamed as its chunk objects, {@link #OPENAI_STREAM_CHUNKS} of
     * them 100 ms apart, then {@code [DONE]}: the contents joined read {@link #OPENAI_STREAM_TEXT}.
     */
    private MockResponse openAiStream(Exchange exchange) {
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < OPENAI_STREAM_CHUNKS; i++) {
            chunks.add("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
                    + "\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
                    + "\"content\":\"word" + i + " \"},\"finish_reason\":null}]}\n\n");
        }
        chunks.add("data: [DONE]\n\n");
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                .addHeader("Transfer-Encoding", "chunked")
                .body(new CountingBody(exchange, chunks, 100)).removeHeader("Content-Length").build();
    }

    private MockResponse stream(Exchange exchange, int events, int delayMs) {
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            chunks.add("data: {\"token\":" + i + "}\n\n");
        }
        chunks.add("data: [DONE]\n\n");
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                .addHeader("Transfer-Encoding", "chunked")
                .body(new CountingBody(exchange, chunks, delayMs)).removeHeader("Content-Length").build();
    }

    /**
     * Holds a request ({@code ?together=n}) until {@code n} requests are in flight at once, or 8 s
     * have passed: calls that are not gated all meet here however slowly a busy machine starts
     * them, and gated ones never can.
     */
    private void awaitCompany(int together) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        while (together > 0 && maxInFlight.get() < together && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static int intParam(String target, String name, int fallback) {
        int at = target.indexOf(name + "=");
        if (at < 0) {
            return fallback;
        }
        int end = at + name.length() + 1;
        int stop = end;
        while (stop < target.length() && Character.isDigit(target.charAt(stop))) {
            stop++;
        }
        return stop > end ? Integer.parseInt(target.substring(end, stop)) : fallback;
    }

    /**
     * Writes its chunks in HTTP/1.1 chunked framing, as providers stream, with a pause before
     * each, and counts the request done after the last byte.
     */
    private final class CountingBody implements MockResponseBody {
        private final Exchange exchange;
        private final List<String> chunks;
        private final int delayMs;
        /** Bytes written before the server closes the socket; -1: none, the body ends normally. */
        private long closeAfterBytes = -1;

        CountingBody(Exchange exchange, List<String> chunks, int delayMs) {
            this.exchange = exchange;
            this.chunks = chunks;
            this.delayMs = delayMs;
        }

        /**
         * This body, cut off after its first {@code count} chunks: with an {@code onResponseBody}
         * socket effect, MockWebServer applies it once half the content length is written.
         */
        CountingBody closedAfter(int count) {
            closeAfterBytes = 0;
            for (String chunk : chunks.subList(0, count)) {
                int length = chunk.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                closeAfterBytes += Integer.toHexString(length).length() + 2 + length + 2;
            }
            return this;
        }

        @Override
        public long getContentLength() {
            // chunked: the client cannot know the end before we send it; or where the socket effect applies
            return closeAfterBytes < 0 ? -1 : 2 * closeAfterBytes;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            try {
                for (String chunk : chunks) {
                    if (delayMs > 0 && closing.await(delayMs, TimeUnit.MILLISECONDS)) {
                        throw new IOException("server closing"); // a stalled answer must not hold up close()
                    }
                    byte[] bytes = chunk.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    sink.writeUtf8(Integer.toHexString(bytes.length)).writeUtf8("\r\n").write(bytes).writeUtf8("\r\n");
                    sink.flush();
                }
                sink.writeUtf8("0\r\n"); // MockWebServer ends a chunked answer with its (empty) trailers and CRLF
                sink.flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } finally {
                exchange.finishedMillis = now();
                inFlight.decrementAndGet();
            }
        }
    }

    // ------------------------------------------------------------------ runtime faults
    // Paths of RuntimeFaultsIT:
    //   /v1/storm/K?burst=B&hint=H[&seconds=S][&value=V] - the first B requests of storm K get
    //       429 with hint H: "seconds" (Retry-After: S), "ms" (retry-after-ms: S * 1000), "date"
    //       (Retry-After: an HTTP date S seconds ahead, whole seconds), "raw" (Retry-After: V,
    //       URL-decoded, whatever it is) or "none"; the rest get a short stream;
    //   /v1/held - headers, then nothing until releaseHeld(), then a short stream;
    //   /v1/overloaded/K?first=N&delayMs=D - the first N requests of K get 503 (overloaded), the
    //       rest a short stream whose headers come D ms late (OverloadBreakerIT).

    /** A storm's 429 goes out this long after its request: all calls admitted with it have come by then. */
    private static final int STORM_HEADERS_DELAY_MS = 300;
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final Map<String, AtomicInteger> stormCounts = new ConcurrentHashMap<>();
    /** What {@code /v1/held} answers wait for; {@link #holdAgain()} puts a new one in place. */
    private volatile CountDownLatch held = new CountDownLatch(1);
    private final AtomicInteger heldWaiting = new AtomicInteger();

    /** Lets every {@code /v1/held} answer, present and future (until {@link #holdAgain()}), go on. */
    public void releaseHeld() {
        held.countDown();
    }

    /** From now on, {@code /v1/held} answers wait for the next {@link #releaseHeld()}: a test that reuses the server. */
    public void holdAgain() {
        held = new CountDownLatch(1);
    }

    /** How many {@code /v1/held} answers are waiting for {@link #releaseHeld()}. */
    public int heldWaiting() {
        return heldWaiting.get();
    }

    private MockResponse runtimeFault(String path, String target, Exchange exchange) {
        if (path.startsWith("/v1/storm/")) {
            return storm(path, target, exchange);
        }
        if (path.startsWith("/v1/overloaded/")) {
            return overloaded(path, target, exchange);
        }
        if (path.equals("/v1/held")) {
            exchange.status = 200;
            heldWaiting.incrementAndGet();
            return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                    .addHeader("Transfer-Encoding", "chunked")
                    .body(new HeldBody(held, new CountingBody(exchange,
                            List.of("data: {\"token\":0}\n\n", "data: [DONE]\n\n"), 10)))
                    .removeHeader("Content-Length") // after body(), which sets it (to -1 here: Vert.x refuses that)
                    .build();
        }
        return null;
    }

    private MockResponse storm(String path, String target, Exchange exchange) {
        if (stormCounts.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet()
                > intParam(target, "burst", 1)) {
            exchange.status = 200;
            return stream(exchange, 2, 50);
        }
        exchange.status = 429;
        MockResponse.Builder limited = new MockResponse.Builder().code(429)
                .headersDelay(STORM_HEADERS_DELAY_MS, TimeUnit.MILLISECONDS)
                .addHeader("Content-Type", "application/json")
                .addHeader("Transfer-Encoding", "chunked")
                .body(new CountingBody(exchange, List.of("{\"error\":\"rate_limited\"}"), 0))
                .removeHeader("Content-Length");
        int seconds = intParam(target, "seconds", 1);
        switch (stringParam(target, "hint", "none")) {
            case "seconds":
                limited.addHeader("Retry-After", String.valueOf(seconds));
                break;
            case "ms":
                limited.addHeader("retry-after-ms", String.valueOf(seconds * 1000L));
                break;
            case "date":
                limited.addHeader("Retry-After", HTTP_DATE.format(Instant.now().plusSeconds(seconds)));
                break;
            case "raw":
                limited.addHeaderLenient("Retry-After", stringParam(target, "value", ""));
                break;
            default:
                break; // "none": no hint at all
        }
        return limited.build();
    }

    private MockResponse overloaded(String path, String target, Exchange exchange) {
        if (stormCounts.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet() > intParam(target, "first", 3)) {
            exchange.status = 200;
            return new MockResponse.Builder(stream(exchange, 2, 0))
                    .headersDelay(intParam(target, "delayMs", 0), TimeUnit.MILLISECONDS).build();
        }
        exchange.status = 503;
        return new MockResponse.Builder().code(503).addHeader("Content-Type", "application/json")
                .addHeader("Transfer-Encoding", "chunked")
                .body(new CountingBody(exchange, List.of("{\"error\":\"overloaded\"}"), 0))
                .removeHeader("Content-Length").build();
    }

    /** Sends nothing until {@link #releaseHeld()}, then its answer. */
    private final class HeldBody implements MockResponseBody {
        private final CountDownLatch release;
        private final CountingBody answer;

        HeldBody(CountDownLatch release, CountingBody answer) {
            this.release = release;
            this.answer = answer;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            try {
                release.await(60, TimeUnit.SECONDS); // bounded: a forgotten release fails the test, not the build
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                heldWaiting.decrementAndGet();
            }
            answer.writeTo(sink); // closes the exchange's books, even when the server is closing
        }

        @Override
        public long getContentLength() {
            return answer.getContentLength();
        }
    }

    private static String stringParam(String target, String name, String fallback) {
        int query = target.indexOf('?');
        if (query < 0) {
            return fallback;
        }
        for (String pair : target.substring(query + 1).split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return fallback;
    }

    @Override
    public void close() throws IOException {
        closing.countDown();
        server.close();
    }
}
