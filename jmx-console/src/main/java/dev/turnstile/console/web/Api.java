package dev.turnstile.console.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.turnstile.console.ConsoleException;
import dev.turnstile.console.json.Json;
import dev.turnstile.console.model.ProviderStatus;
import dev.turnstile.console.model.Status;
import dev.turnstile.console.model.StatusJson;
import dev.turnstile.console.model.TurnstileClient;
import dev.turnstile.console.text.Formats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON API under {@code /api/}, which the page itself uses (documented in
 * jmx-console/README.md). Reads are GET; changes are POST or DELETE and pass the {@link Guard}.
 * Every answer is JSON; an error is {@code {"error": "one line"}} with a fitting status.
 */
final class Api implements HttpHandler {

    private static final int MAX_BODY = 64 * 1024;
    private static final Pattern PROVIDER = Pattern.compile("/api/providers/([^/]+)");
    private static final Pattern PROVIDER_ACTION = Pattern.compile("/api/providers/([^/]+)/(pause|resume|budget|breaker)");

    private final Session session;
    private final Guard guard;
    private final History history;

    Api(Session session, Guard guard, History history) {
        this.session = session;
        this.guard = guard;
        this.history = history;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            Answer answer;
            try {
                answer = route(exchange);
            } catch (ConsoleException e) {
                answer = Answer.error(statusOf(e.reason()), e.getMessage());
            } catch (BadRequest e) {
                answer = Answer.error(400, e.getMessage());
            } catch (RuntimeException e) {
                answer = Answer.error(500, "internal error: " + e);
            }
            Responses.json(exchange, answer.status(), Json.write(answer.body()));
        } finally {
            exchange.close();
        }
    }

    private Answer route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        boolean read = method.equals("GET");
        Guard.Refusal refusal = read ? guard.checkRead(exchange.getRequestHeaders())
                : guard.checkWrite(exchange.getRequestHeaders());
        if (refusal != null) {
            return Answer.error(refusal.status(), refusal.message());
        }
        Matcher action = PROVIDER_ACTION.matcher(path);
        Matcher provider = PROVIDER.matcher(path);
        switch (path) {
            case "/api/status":
                return read ? Answer.ok(StatusJson.of(status())) : notAllowed("GET");
            case "/api/providers":
                if (read) {
                    return Answer.ok(StatusJson.providers(status().providers()));
                }
                return method.equals("POST") ? addProvider(body(exchange)) : notAllowed("GET, POST");
            case "/api/limits":
                if (read) {
                    return Answer.ok(StatusJson.limits(status()));
                }
                return method.equals("POST") ? setLimits(body(exchange)) : notAllowed("GET, POST");
            case "/api/history":
                return read ? Answer.ok(Map.of("intervalMillis", WebConsole.SAMPLE_MILLIS, "samples", history.samples()))
                        : notAllowed("GET");
            default:
                break;
        }
        if (action.matches()) {
            if (!method.equals("POST")) {
                return notAllowed("POST");
            }
            String id = action.group(1);
            switch (action.group(2)) {
                case "pause":
                    Duration duration = duration(body(exchange));
                    session.call(client -> {
                        client.pause(id, duration);
                        return null;
                    });
                    break;
                case "budget":
                    setBudget(id, body(exchange));
                    break;
                case "breaker":
                    int failures = limit(body(exchange).get("failures"), "failures", "0 = off");
                    session.call(client -> {
                        client.setBreakerFailures(id, failures);
                        return null;
                    });
                    break;
                default:
                    body(exchange);
                    session.call(client -> {
                        client.resume(id);
                        return null;
                    });
                    break;
            }
            return Answer.ok(providerJson(id));
        }
        if (provider.matches()) {
            String id = provider.group(1);
            if (read) {
                return Answer.ok(providerJson(id));
            }
            if (method.equals("DELETE")) {
                session.call(client -> {
                    client.removeProvider(id);
                    return null;
                });
                return Answer.ok(Map.of("removed", id));
            }
            return notAllowed("GET, DELETE");
        }
        return Answer.error(404, "no such API: " + path);
    }

    private Status status() {
        return session.call(TurnstileClient::status);
    }

    private Map<String, Object> providerJson(String id) {
        ProviderStatus provider = status().provider(id).orElseThrow(() -> new ConsoleException(
                ConsoleException.Reason.NOT_FOUND, "unknown provider '" + id + "'"));
        return StatusJson.provider(provider);
    }

    /** {@code {"id": "my-llm", "hosts": "llm.example.com", "limit": 4}}. */
    private Answer addProvider(Map<String, Object> body) {
        String id = text(body, "id");
        String hosts = text(body, "hosts");
        int limit = limit(body.get("limit"), "limit");
        session.call(client -> {
            client.addProvider(id, hosts, limit);
            return null;
        });
        return new Answer(201, providerJson(id));
    }

    /**
     * {@code {"global": 4, "providers": {"openai": 2}}}, either part optional. Every value is
     * checked, and every provider known, before the first one is written.
     */
    private Answer setLimits(Map<String, Object> body) {
        Integer global = body.containsKey("global") ? limit(body.get("global"), "global") : null;
        Map<String, Integer> providers = new LinkedHashMap<>();
        Object given = body.get("providers");
        if (given != null && !(given instanceof Map)) {
            throw new BadRequest("'providers' must be an object of provider id to limit");
        }
        if (given != null) {
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) given).entrySet()) {
                providers.put((String) entry.getKey(), limit(entry.getValue(), "providers." + entry.getKey()));
            }
        }
        if (global == null && providers.isEmpty()) {
            throw new BadRequest("nothing to change: give \"global\" and/or \"providers\"");
        }
        Status after = session.call(client -> {
            providers.keySet().forEach(client::requireProvider);
            if (global != null) {
                client.setGlobalLimit(global);
            }
            providers.forEach(client::setLimit);
            return client.status();
        });
        return Answer.ok(StatusJson.limits(after));
    }

    /**
     * {@code {"rpm": 30, "tpm": 200000}}, either part optional; both are checked, and the provider
     * known, before the first one is written.
     */
    private void setBudget(String id, Map<String, Object> body) {
        Integer rpm = body.containsKey("rpm") ? limit(body.get("rpm"), "rpm", "0 = off") : null;
        Long tpm = body.containsKey("tpm") ? tokens(body.get("tpm")) : null;
        if (rpm == null && tpm == null) {
            throw new BadRequest("nothing to change: give \"rpm\" and/or \"tpm\"");
        }
        session.call(client -> {
            client.requireProvider(id);
            if (rpm != null) {
                client.setRpm(id, rpm);
            }
            if (tpm != null) {
                client.setTpm(id, tpm);
            }
            return null;
        });
    }

    private static Duration duration(Map<String, Object> body) {
        Object value = body.get("duration");
        if (value instanceof Number && ((Number) value).doubleValue() > 0) {
            return Duration.ofMillis(((Number) value).longValue()); // plain milliseconds also do
        }
        if (!(value instanceof String)) {
            throw new BadRequest("'duration' is needed: " + Formats.DURATION_FORMS + ", or milliseconds");
        }
        try {
            return Formats.positiveDuration((String) value);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    private static int limit(Object value, String name) {
        return limit(value, name, "0 = unlimited");
    }

    private static int limit(Object value, String name, String zeroMeans) {
        if (value instanceof Long && (Long) value <= Integer.MAX_VALUE) {
            return (int) wholeNumber(value, name, zeroMeans);
        }
        throw badNumber(value, name, zeroMeans);
    }

    private static long tokens(Object value) {
        return wholeNumber(value, "tpm", "0 = off");
    }

    private static long wholeNumber(Object value, String name, String zeroMeans) {
        if (value instanceof Long && (Long) value >= 0) {
            return (Long) value;
        }
        throw badNumber(value, name, zeroMeans);
    }

    private static BadRequest badNumber(Object value, String name, String zeroMeans) {
        return new BadRequest("bad " + name + " " + Json.write(value) + ": expected a whole number ≥ 0 (" + zeroMeans + ")");
    }

    private static String text(Map<String, Object> body, String name) {
        Object value = body.get(name);
        if (!(value instanceof String) || ((String) value).isBlank()) {
            throw new BadRequest("'" + name + "' is needed, as a string");
        }
        return ((String) value).trim();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(HttpExchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            throw new BadRequest("body larger than " + MAX_BODY + " bytes");
        }
        String text = new String(bytes, StandardCharsets.UTF_8).trim();
        if (text.isEmpty()) {
            return Map.of();
        }
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
        if (!(parsed instanceof Map)) {
            throw new BadRequest("the body must be a JSON object");
        }
        return (Map<String, Object>) parsed;
    }

    private static Answer notAllowed(String allowed) {
        return Answer.error(405, "method not allowed here; allowed: " + allowed);
    }

    private static int statusOf(ConsoleException.Reason reason) {
        switch (reason) {
            case NOT_FOUND:
                return 404;
            case REFUSED:
                return 400;
            case NOT_TURNSTILE:
            case UNREACHABLE:
            default:
                return 502;
        }
    }

    private static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    private record Answer(int status, Object body) {

        static Answer ok(Object body) {
            return new Answer(200, body);
        }

        static Answer error(int status, String message) {
            return new Answer(status, Map.of("error", message));
        }
    }
}
