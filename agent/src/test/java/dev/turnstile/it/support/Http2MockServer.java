package dev.turnstile.it.support;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.HttpConversionUtil;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import javax.net.ssl.KeyManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An LLM provider stand-in that speaks only HTTP/2: cleartext with prior knowledge (h2c), or over
 * TLS with a self-signed certificate made by {@code keytool} (h2, by ALPN). Like
 * {@link MockLlmServer} it counts on the server side how many requests are in flight, from a
 * request's arrival to its answer's last frame. Paths:
 * <ul>
 *   <li>{@code /v1/stream?events=N&delayMs=D} — a server-sent-event stream of N events, D ms apart,
 *       then {@code data: [DONE]};</li>
 *   <li>{@code /v1/ratelimit?first=K&retryAfter=S} — the first K requests get 429 with
 *       {@code Retry-After: S}, the rest a short stream;</li>
 *   <li>{@code /v1/chat} — a small JSON answer;</li>
 *   <li>{@code /v1/stall} — headers, one event, then silence until the server closes (for read timeouts).</li>
 * </ul>
 * Faults: {@code /v1/reset} resets its stream (RST_STREAM) once it has read the request, before
 * any header; {@code /v1/drop-mid-stream?events=N&delayMs=D} sends the headers and N events, then
 * closes the whole connection (GOAWAY, then the socket), as a provider's restart does.
 */
public final class Http2MockServer implements AutoCloseable {

    private static final String PASSWORD = "turnstile";
    private static final String RESET_WATCH = "turnstile-reset-watch";
    /** The stream id Netty's HTTP/2 to HTTP/1 conversion puts in a request's headers. */
    private static final String STREAM_ID = HttpConversionUtil.ExtensionHeaderNames.STREAM_ID.text().toString();

    private final long startNanos = System.nanoTime();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final List<MockLlmServer.Exchange> exchanges = new ArrayList<>();
    private final Set<MockLlmServer.Exchange> ended = ConcurrentHashMap.newKeySet();
    /** Exchanges by connection and stream id, until their stream is reset. */
    private final Map<String, MockLlmServer.Exchange> resettable = new ConcurrentHashMap<>();
    private final DisposableServer server;

    private Http2MockServer(HttpServer configured) {
        server = configured.host("127.0.0.1").port(0).route(routes -> routes
                .post("/v1/stream", this::stream)
                .post("/v1/ratelimit", this::rateLimit)
                .post("/v1/chat", this::chat)
                .post("/v1/stall", this::stall)
                .post("/v1/reset", this::reset)
                .post("/v1/drop-mid-stream", this::dropMidStream)).bindNow(Duration.ofSeconds(10));
    }

    /** Cleartext HTTP/2 only, with prior knowledge: no HTTP/1.1, no upgrade. */
    public static Http2MockServer h2c() {
        return new Http2MockServer(HttpServer.create().protocol(HttpProtocol.H2C));
    }

    /** HTTP/2 over TLS only, its self-signed certificate made in {@code dir}. */
    public static Http2MockServer h2(Path dir) throws Exception {
        KeyManagerFactory keys = selfSigned(dir);
        return new Http2MockServer(HttpServer.create().protocol(HttpProtocol.H2)
                .secure(spec -> spec.sslContext(Http2SslContextSpec.forServer(keys))));
    }

    public int port() {
        return server.port();
    }

    /** {@code scheme://127.0.0.1:port} + path: {@code https} for h2, {@code http} for h2c. */
    public String url(boolean tls, String pathAndQuery) {
        return (tls ? "https" : "http") + "://127.0.0.1:" + port() + pathAndQuery;
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    public List<MockLlmServer.Exchange> exchanges() {
        synchronized (exchanges) {
            return new ArrayList<>(exchanges);
        }
    }

    private MockLlmServer.Exchange arrived(HttpServerRequest request) {
        MockLlmServer.Exchange exchange = new MockLlmServer.Exchange(request.method().name(), request.fullPath(), now());
        synchronized (exchanges) {
            exchanges.add(exchange);
        }
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        request.withConnection(stream -> {
            stream.onDispose(() -> finished(exchange));
            watchResets(stream.channel().parent());
            resettable.put(streamKey(stream.channel().parent(), request.requestHeaders().getInt(STREAM_ID, -1)), exchange);
        });
        return exchange;
    }

    /**
     * A stream the client resets (a cancel, a read timeout) ends at its RST_STREAM frame, read on
     * the connection before any frame sent after it; its stream channel closes only a moment later.
     */
    private void watchResets(Channel connection) {
        if (connection == null || connection.pipeline().get(RESET_WATCH) != null) {
            return;
        }
        ChannelHandlerContext streams = connection.pipeline().context(Http2MultiplexHandler.class);
        if (streams != null) {
            connection.pipeline().addBefore(streams.name(), RESET_WATCH, new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object frame) throws Exception {
                    if (frame instanceof Http2ResetFrame) {
                        MockLlmServer.Exchange reset = resettable.remove(
                                streamKey(connection, ((Http2ResetFrame) frame).stream().id()));
                        if (reset != null) {
                            finished(reset);
                        }
                    }
                    super.channelRead(ctx, frame);
                }
            });
        }
    }

    private static String streamKey(Channel connection, int streamId) {
        return (connection == null ? "none" : connection.id().asLongText()) + "/" + streamId;
    }

    private Mono<Void> stream(HttpServerRequest request, HttpServerResponse response) {
        MockLlmServer.Exchange exchange = arrived(request);
        return answer(exchange, response, intParam(request, "events", 5), intParam(request, "delayMs", 50));
    }

    private Mono<Void> rateLimit(HttpServerRequest request, HttpServerResponse response) {
        MockLlmServer.Exchange exchange = arrived(request);
        if (rateLimited.incrementAndGet() > intParam(request, "first", 1)) {
            return answer(exchange, response, 2, 50);
        }
        exchange.status = 429;
        return request.receive().then(response.status(HttpResponseStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", String.valueOf(intParam(request, "retryAfter", 1)))
                .header("Content-Type", "application/json")
                .sendString(Mono.just("{\"error\":\"rate_limited\"}")).then())
                .doFinally(signal -> finished(exchange));
    }

    private Mono<Void> chat(HttpServerRequest request, HttpServerResponse response) {
        MockLlmServer.Exchange exchange = arrived(request);
        exchange.status = 200;
        return request.receive().then(response.header("Content-Type", "application/json")
                .sendString(Mono.just("{\"choices\":[]}")).then())
                .doFinally(signal -> finished(exchange));
    }

    private Mono<Void> stall(HttpServerRequest request, HttpServerResponse response) {
        MockLlmServer.Exchange exchange = arrived(request);
        exchange.status = 200;
        return response.header("Content-Type", "text/event-stream")
                .sendString(events(1, 0).concatWith(Mono.never())).then()
                .doFinally(signal -> finished(exchange));
    }

    private Mono<Void> reset(HttpServerRequest request, HttpServerResponse response) {
        MockLlmServer.Exchange exchange = arrived(request);
        // Closing a stream's own channel before its headers resets the stream (RST_STREAM); the
        // connection and its other streams go on.
        return request.receive().then(Mono.<Void>fromRunnable(() -> {
            finished(exchange);
            response.withConnection(stream -> stream.channel().close());
        })).then(Mono.never());
    }

    private Mono<Void> dropMidStream(HttpServerRequest request, HttpServerResponse response) {
        MockLlmServer.Exchange exchange = arrived(request);
        exchange.status = 200;
        Mono<String> drop = Mono.fromRunnable(() -> {
            finished(exchange);
            response.withConnection(stream -> stream.channel().parent().close());
        });
        return response.header("Content-Type", "text/event-stream")
                .sendString(events(intParam(request, "events", 3), intParam(request, "delayMs", 50))
                        .concatWith(drop).concatWith(Mono.never())).then();
    }

    private Mono<Void> answer(MockLlmServer.Exchange exchange, HttpServerResponse response, int events, int delayMs) {
        exchange.status = 200;
        return response.header("Content-Type", "text/event-stream")
                .sendString(events(events, delayMs).concatWith(Mono.just("data: [DONE]\n\n"))).then()
                .doFinally(signal -> finished(exchange));
    }

    private static Flux<String> events(int events, int delayMs) {
        return Flux.range(0, events).delayElements(Duration.ofMillis(delayMs)).map(i -> "data: {\"token\":" + i + "}\n\n");
    }

    /** The exchange's last frame went, or its stream closed: the first of them counts. */
    private void finished(MockLlmServer.Exchange exchange) {
        if (ended.add(exchange)) {
            exchange.finishedMillis = now();
            inFlight.decrementAndGet();
        }
    }

    private long now() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static int intParam(HttpServerRequest request, String name, int fallback) {
        List<String> values = new QueryStringDecoder(request.uri()).parameters().get(name);
        return values == null || values.isEmpty() ? fallback : Integer.parseInt(values.get(0));
    }

    /** A key pair and self-signed certificate for 127.0.0.1, by the JDK's own {@code keytool}. */
    private static KeyManagerFactory selfSigned(Path dir) throws Exception {
        Path store = dir.resolve("h2-mock.p12");
        Files.deleteIfExists(store);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "mock", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, PASSWORD.toCharArray());
        return keys;
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
    }
}
