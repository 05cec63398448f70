package dev.turnstile.it.support;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.BufferedSink;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Speaks enough of the Anthropic Messages API for the official Java SDK: {@code POST /v1/messages}
 * answers a JSON message, or with {@code "stream": true} a server-sent-event stream
 * ({@code message_start}, {@code content_block_start}, {@code content_block_delta}…,
 * {@code content_block_stop}, {@code message_delta}, {@code message_stop}). The first
 * {@link #rateLimitFirst} requests get a 429 {@code rate_limit_error} with {@code retry-after}.
 * Requests in flight are counted on the server side, from arrival to the last byte of the answer.
 */
public final class AnthropicMockServer implements AutoCloseable {

    private final MockWebServer server = new MockWebServer();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final List<MockLlmServer.Exchange> exchanges = Collections.synchronizedList(new ArrayList<>());
    private final long startNanos = System.nanoTime();
    private final int eventDelayMs;
    private volatile int rateLimitFirst;
    private volatile int retryAfterSeconds = 1;

    /** @param eventDelayMs pause before each event (streams) or before the JSON answer */
    public AnthropicMockServer(int eventDelayMs) throws IOException {
        this.eventDelayMs = eventDelayMs;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    /** The first {@code count} requests are answered 429 with {@code retry-after: seconds}. */
    public void rateLimitFirst(int count, int seconds) {
        this.retryAfterSeconds = seconds;
        this.rateLimitFirst = count;
    }

    public int port() {
        return server.getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    public List<MockLlmServer.Exchange> exchanges() {
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
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        boolean streaming = body.replace(" ", "").contains("\"stream\":true");
        MockLlmServer.Exchange exchange = new MockLlmServer.Exchange(request.getMethod(),
                path + (streaming ? " (stream)" : ""), now());
        exchanges.add(exchange);
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        if (!"POST".equals(request.getMethod()) || !"/v1/messages".equals(path)) {
            return respond(exchange, 404, "application/json",
                    List.of(error("not_found_error", "no such path " + path)), 0, null);
        }
        if (rateLimited.incrementAndGet() <= rateLimitFirst) {
            return respond(exchange, 429, "application/json",
                    List.of(error("rate_limit_error", "slow down")), 0, String.valueOf(retryAfterSeconds));
        }
        return streaming
                ? respond(exchange, 200, "text/event-stream", events(), eventDelayMs, null)
                : respond(exchange, 200, "application/json", List.of(message()), eventDelayMs, null);
    }

    private static String error(String type, String message) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}";
    }

    private static String message() {
        return "{\"id\":\"msg_test\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-test\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"Hello from the mock\"}],"
                + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":5,\"output_tokens\":4}}";
    }

    private static List<String> events() {
        List<String> events = new ArrayList<>();
        events.add(event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_test\","
                + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-test\",\"content\":[],"
                + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}"));
        events.add(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        for (String piece : new String[] {"Hello", " from", " the mock"}) {
            events.add(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + piece + "\"}}"));
        }
        events.add(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
        events.add(event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":4}}"));
        events.add(event("message_stop", "{\"type\":\"message_stop\"}"));
        return events;
    }

    private static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    private MockResponse respond(MockLlmServer.Exchange exchange, int status, String contentType, List<String> chunks,
                                 int delayMs, String retryAfter) {
        exchange.status = status;
        MockResponse.Builder builder = new MockResponse.Builder().code(status)
                .addHeader("Content-Type", contentType)
                .addHeader("request-id", "req_test")
                .addHeader("Transfer-Encoding", "chunked");
        if (retryAfter != null) {
            builder.addHeader("retry-after", retryAfter);
        }
        return builder.body(new CountingBody(exchange, chunks, delayMs)).removeHeader("Content-Length").build();
    }

    /** Chunked framing written by hand, as {@link MockLlmServer} does, counting the request done after it. */
    private final class CountingBody implements MockResponseBody {
        private final MockLlmServer.Exchange exchange;
        private final List<String> chunks;
        private final int delayMs;

        CountingBody(MockLlmServer.Exchange exchange, List<String> chunks, int delayMs) {
            this.exchange = exchange;
            this.chunks = chunks;
            this.delayMs = delayMs;
        }

        @Override
        public long getContentLength() {
            return -1;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            try {
                for (String chunk : chunks) {
                    if (delayMs > 0) {
                        Thread.sleep(delayMs);
                    }
                    byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
                    sink.writeUtf8(Integer.toHexString(bytes.length)).writeUtf8("\r\n").write(bytes).writeUtf8("\r\n");
                    sink.flush();
                }
                sink.writeUtf8("0\r\n"); // MockWebServer writes the trailers' closing CRLF
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

    @Override
    public void close() throws IOException {
        server.close();
    }
}
