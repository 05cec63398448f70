package dev.turnstile.bench.e2e.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The server the per-call overhead is measured against, run in a JVM of its own: {@code POST /small}
 * answers a short JSON body with a content length, {@code POST /stream} a short chunked
 * event stream (five events, each flushed), as a streamed LLM answer arrives.
 *
 * <p>It prints {@code port N} once it listens on 127.0.0.1 and stops when its standard input ends.
 * Start it with {@code -Dsun.net.httpserver.nodelay=true}: without it Nagle's algorithm and delayed
 * acknowledgements add tens of milliseconds to a small answer written in two parts.
 */
public final class LoopbackServer {

    static final int STREAM_EVENTS = 5;
    private static final byte[] SMALL = "{\"id\":\"bench\",\"choices\":[{\"text\":\"ok\"}]}"
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] EVENT = "data: {\"delta\":\"token\"}\n\n".getBytes(StandardCharsets.UTF_8);

    private LoopbackServer() {
    }

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/small", exchange -> answer(exchange, false));
        server.createContext("/stream", exchange -> answer(exchange, true));
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        System.out.println("port " + server.getAddress().getPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until the parent closes our standard input
        }
        server.stop(0);
        System.exit(0);
    }

    private static void answer(HttpExchange exchange, boolean stream) throws IOException {
        try (InputStream request = exchange.getRequestBody()) {
            request.readAllBytes();
        }
        if (stream) {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                for (int i = 0; i < STREAM_EVENTS; i++) {
                    body.write(EVENT);
                    body.flush();
                }
            }
        } else {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, SMALL.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(SMALL);
            }
        }
    }
}
