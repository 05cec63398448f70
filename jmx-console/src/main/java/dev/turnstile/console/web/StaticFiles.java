package dev.turnstile.console.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The page: four files from the jar, nothing built, nothing fetched from elsewhere. */
final class StaticFiles implements HttpHandler {

    private static final String ROOT = "/dev/turnstile/console/web/";
    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/index.html", "index.html",
            "/console.js", "console.js",
            "/chart.js", "chart.js",
            "/console.css", "console.css");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");

    private final Guard guard;

    StaticFiles(Guard guard) {
        this.guard = guard;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            Guard.Refusal refusal = guard.checkRead(exchange.getRequestHeaders());
            if (refusal != null) {
                text(exchange, refusal.status(), refusal.message());
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                text(exchange, 405, "only GET here");
                return;
            }
            String file = FILES.get(exchange.getRequestURI().getPath());
            if (file == null) {
                text(exchange, 404, "not found");
                return;
            }
            byte[] body;
            try (InputStream in = StaticFiles.class.getResourceAsStream(ROOT + file)) {
                if (in == null) {
                    text(exchange, 500, "the page is missing from the jar");
                    return;
                }
                body = in.readAllBytes();
            }
            Responses.send(exchange, 200, TYPES.get(file.substring(file.lastIndexOf('.') + 1)), body);
        } finally {
            exchange.close();
        }
    }

    private static void text(HttpExchange exchange, int status, String message) throws IOException {
        Responses.send(exchange, status, "text/plain; charset=utf-8", message.getBytes(StandardCharsets.UTF_8));
    }
}
