package dev.turnstile.console.it;

import dev.turnstile.console.it.support.Console;
import dev.turnstile.console.it.support.Fixture;
import dev.turnstile.console.it.support.Jmx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.json.Json;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON API of {@code serve}, and its guard: token, origin, host, content type. */
class WebApiIT {

    private static Fixture fixture;
    private static Console console;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        fixture = Fixture.get();
        console = new Console(fixture.target.hostPort());
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    @BeforeEach
    void reset() throws Exception {
        fixture.reset();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(console.url(path))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> write(String method, String path, String json, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(console.url(path)))
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> change(String method, String path, String json) throws Exception {
        return write(method, path, json, "Content-Type", "application/json", "X-Turnstile-Token", Console.TOKEN);
    }

    private static Map<String, Object> json(String text) {
        return new Json().toType(text, Json.MAP_TYPE);
    }

    @Test
    void statusProvidersLimitsAndHistoryAreJson() throws Exception {
        HttpResponse<String> status = get("/api/status");
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(status.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(json(status.body())).containsEntry("target", fixture.target.hostPort()).containsKeys("providers", "agents");

        List<Map<String, Object>> providers = new Json().toType(get("/api/providers").body(), Json.LIST_OF_MAPS_TYPE);
        assertThat(providers).singleElement().satisfies(p -> assertThat(p).containsEntry("id", "llm").containsEntry("limit", 2L));
        assertThat(json(get("/api/providers/llm").body())).containsEntry("id", "llm");
        assertThat(get("/api/providers/nope").statusCode()).isEqualTo(404);

        assertThat(json(get("/api/limits").body())).isEqualTo(Map.of("global", 0L, "providers", Map.of("llm", 2L)));
        Fixture.await(() -> {
            try {
                return ((List<?>) json(get("/api/history").body()).get("samples")).size() >= 2;
            } catch (Exception e) {
                return false;
            }
        }, "two samples of history");
        assertThat(get("/").body()).contains("<title>Turnstile console</title>").doesNotContain(Console.TOKEN);
        assertThat(get("/console.js").headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(get("/chart.js").headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
    }

    @Test
    void limitsChangeWithTheToken() throws Exception {
        HttpResponse<String> answer = change("POST", "/api/limits", "{\"global\":7,\"providers\":{\"llm\":3}}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(json(answer.body())).isEqualTo(Map.of("global", 7L, "providers", Map.of("llm", 3L)));
        assertThat(fixture.jmx.limit("llm")).isEqualTo(3);
        assertThat(fixture.jmx.get(Jmx.TURNSTILE, "GlobalLimit")).isEqualTo(7);
    }

    @Test
    void badLimitsChangeNothing() throws Exception {
        for (String body : List.of("{\"providers\":{\"llm\":-1}}", "{\"providers\":{\"llm\":\"3\"}}",
                "{\"providers\":{\"llm\":2.5}}", "{\"global\":-1,\"providers\":{\"llm\":4}}", "{}", "not json", "[1]")) {
            HttpResponse<String> answer = change("POST", "/api/limits", body);
            assertThat(answer.statusCode()).as(body + " -> " + answer.body()).isEqualTo(400);
            assertThat(json(answer.body())).containsKey("error");
        }
        HttpResponse<String> unknown = change("POST", "/api/limits", "{\"providers\":{\"llm\":4,\"nope\":1}}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("unknown provider 'nope'");
        assertThat(fixture.jmx.limit("llm")).isEqualTo(2);
        assertThat(fixture.jmx.get(Jmx.TURNSTILE, "GlobalLimit")).isEqualTo(0);
    }

    @Test
    void budgetsAndTheBreakerChangeWithTheToken() throws Exception {
        HttpResponse<String> both = change("POST", "/api/providers/llm/budget", "{\"rpm\":600,\"tpm\":200000}");
        assertThat(both.statusCode()).as(both.body()).isEqualTo(200);
        assertThat(json(both.body())).containsEntry("id", "llm").containsEntry("rpm", 600L).containsEntry("tpm", 200_000L);
        assertThat(fixture.jmx.get(Jmx.provider("llm"), "Rpm")).isEqualTo(600);
        assertThat(fixture.jmx.get(Jmx.provider("llm"), "Tpm")).isEqualTo(200_000L);

        HttpResponse<String> rpmOnly = change("POST", "/api/providers/llm/budget", "{\"rpm\":0}");
        assertThat(rpmOnly.statusCode()).as(rpmOnly.body()).isEqualTo(200);
        assertThat(json(rpmOnly.body())).containsEntry("rpm", 0L).containsEntry("rpmRemaining", -1L).containsEntry("tpm", 200_000L);
        assertThat(fixture.jmx.get(Jmx.provider("llm"), "Tpm")).as("left out, left alone").isEqualTo(200_000L);

        HttpResponse<String> breaker = change("POST", "/api/providers/llm/breaker", "{\"failures\":3}");
        assertThat(breaker.statusCode()).as(breaker.body()).isEqualTo(200);
        assertThat(json(breaker.body()).get("breaker")).isEqualTo(
                Map.of("failures", 3L, "state", "closed", "consecutiveFailures", 0L, "opened", 0L));
        assertThat(fixture.jmx.get(Jmx.provider("llm"), "BreakerFailures")).isEqualTo(3);
        assertThat(change("POST", "/api/providers/llm/breaker", "{\"failures\":0}").statusCode()).isEqualTo(200);
        assertThat(fixture.jmx.get(Jmx.provider("llm"), "BreakerFailures")).isEqualTo(0);
    }

    @Test
    void badBudgetsAndBreakerThresholdsChangeNothing() throws Exception {
        Map<String, Object> before = fixture.jmx.settings();
        String[][] cases = {
            {"/api/providers/llm/budget", "{}", "400"},
            {"/api/providers/llm/budget", "{\"rpm\":-1}", "400"},
            {"/api/providers/llm/budget", "{\"rpm\":\"30\"}", "400"},
            {"/api/providers/llm/budget", "{\"rpm\":2.5}", "400"},
            {"/api/providers/llm/budget", "{\"rpm\":3000000000}", "400"},
            {"/api/providers/llm/budget", "{\"rpm\":30,\"tpm\":-5}", "400"},
            {"/api/providers/llm/budget", "{\"rpm\":30,\"tpm\":1e30}", "400"},
            {"/api/providers/llm/budget", "{\"tpm\":null}", "400"},
            {"/api/providers/llm/budget", "[30]", "400"},
            {"/api/providers/nope/budget", "{\"rpm\":30}", "404"},
            {"/api/providers/llm/breaker", "{}", "400"},
            {"/api/providers/llm/breaker", "{\"failures\":-1}", "400"},
            {"/api/providers/llm/breaker", "{\"failures\":\"3\"}", "400"},
            {"/api/providers/llm/breaker", "{\"failures\":1.5}", "400"},
            {"/api/providers/llm/breaker", "not json", "400"},
            {"/api/providers/nope/breaker", "{\"failures\":3}", "404"},
        };
        for (String[] bad : cases) {
            HttpResponse<String> answer = change("POST", bad[0], bad[1]);
            String what = "POST " + bad[0] + " " + bad[1];
            assertThat(answer.statusCode()).as(what + " -> " + answer.body()).isEqualTo(Integer.parseInt(bad[2]));
            assertThat(json(answer.body()).get("error").toString()).as(what).isNotBlank().doesNotContain("\n")
                    .doesNotContain("internal error");
        }
        assertThat(json(change("POST", "/api/providers/llm/budget", "{\"rpm\":-1}").body()).get("error"))
                .isEqualTo("bad rpm -1: expected a whole number ≥ 0 (0 = off)");
        assertThat(change("GET", "/api/providers/llm/budget", "").statusCode()).isEqualTo(405);
        assertThat(fixture.jmx.settings()).isEqualTo(before);
    }

    @Test
    void pauseResumeAddAndRemove() throws Exception {
        HttpResponse<String> paused = change("POST", "/api/providers/llm/pause", "{\"duration\":\"45s\"}");
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        assertThat(json(paused.body())).containsEntry("paused", true).containsEntry("pauseReason", "paused by an operator");
        assertThat(fixture.jmx.get(Jmx.provider("llm"), "Paused")).isEqualTo(true);
        assertThat(change("POST", "/api/providers/llm/pause", "{\"duration\":\"later\"}").statusCode()).isEqualTo(400);
        assertThat(change("POST", "/api/providers/llm/resume", "{}").statusCode()).isEqualTo(200);
        assertThat(fixture.jmx.get(Jmx.provider("llm"), "Paused")).isEqualTo(false);

        HttpResponse<String> added = change("POST", "/api/providers", "{\"id\":\"web\",\"hosts\":\"web.example.com\",\"limit\":5}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(fixture.jmx.limit("web")).isEqualTo(5);
        HttpResponse<String> duplicate = change("POST", "/api/providers", "{\"id\":\"web\",\"hosts\":\"x.example.com\",\"limit\":1}");
        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(json(duplicate.body()).get("error").toString()).contains("refused");
        assertThat(change("DELETE", "/api/providers/web", "").statusCode()).isEqualTo(200);
        assertThat(fixture.jmx.registered(Jmx.provider("web"))).isFalse();
        assertThat(change("DELETE", "/api/providers/web", "").statusCode()).isEqualTo(404);
    }

    @Test
    void everyBadBodyIsOneErrorAndChangesNothing() throws Exception {
        Map<String, Object> before = fixture.jmx.settings();
        String[][] cases = {
            {"POST", "/api/providers", "{}", "400"},
            {"POST", "/api/providers", "{\"id\":\"x\"}", "400"},
            {"POST", "/api/providers", "{\"id\":\"x\",\"hosts\":\"a.example.com\"}", "400"},
            {"POST", "/api/providers", "{\"id\":5,\"hosts\":\"a.example.com\",\"limit\":1}", "400"},
            {"POST", "/api/providers", "{\"id\":\"Bad_Id\",\"hosts\":\"a.example.com\",\"limit\":1}", "400"},
            {"POST", "/api/providers", "{\"id\":\"x\",\"hosts\":\"https://a.example.com/v1\",\"limit\":1}", "400"},
            {"POST", "/api/providers", "{\"id\":\"x\",\"hosts\":\" , \",\"limit\":1}", "400"},
            {"POST", "/api/providers", "{\"id\":\"x\",\"hosts\":\"a.example.com\",\"limit\":-1}", "400"},
            {"POST", "/api/providers", "{\"id\":\"x\",\"hosts\":\"a.example.com\",\"limit\":\"1\"}", "400"},
            {"POST", "/api/providers", "{\"id\":\"x\",\"hosts\":\"a.example.com\",\"limit\":1e12}", "400"},
            {"POST", "/api/providers", "{\"id\":\"llm\",\"hosts\":\"a.example.com\",\"limit\":1}", "400"},
            {"POST", "/api/providers", "{\"id\":\"x\",\"hosts\":\"" + "a".repeat(70_000) + "\",\"limit\":1}", "400"},
            {"POST", "/api/providers", "{\"id\":", "400"},
            {"POST", "/api/providers/llm/pause", "{}", "400"},
            {"POST", "/api/providers/llm/pause", "{\"duration\":\"-5s\"}", "400"},
            {"POST", "/api/providers/llm/pause", "{\"duration\":0}", "400"},
            {"POST", "/api/providers/llm/pause", "{\"duration\":-1}", "400"},
            {"POST", "/api/providers/llm/pause", "{\"duration\":true}", "400"},
            {"POST", "/api/providers/llm/pause", "{\"duration\":\"99999999999h\"}", "400"},
            {"POST", "/api/providers/llm/pause", "{\"duration\":1e30}", "400"},
            {"POST", "/api/providers/nope/pause", "{\"duration\":\"5s\"}", "404"},
            {"POST", "/api/providers/nope/resume", "{}", "404"},
            {"DELETE", "/api/providers/nope", "", "404"},
            {"PUT", "/api/status", "{}", "405"},
            {"POST", "/api/nope", "{}", "404"},
        };
        for (String[] bad : cases) {
            HttpResponse<String> answer = change(bad[0], bad[1], bad[2]);
            String what = bad[0] + " " + bad[1] + " " + bad[2].substring(0, Math.min(80, bad[2].length()));
            assertThat(answer.statusCode()).as(what + " -> " + answer.body()).isEqualTo(Integer.parseInt(bad[3]));
            assertThat(json(answer.body()).get("error").toString()).as(what).isNotBlank().doesNotContain("\n")
                    .doesNotContain("internal error");
        }
        assertThat(fixture.jmx.settings()).isEqualTo(before);
    }

    @Test
    void aChangeWithoutTheRightTokenIsRefused() throws Exception {
        HttpResponse<String> none = write("POST", "/api/limits", "{\"providers\":{\"llm\":9}}", "Content-Type", "application/json");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("X-Turnstile-Token");
        HttpResponse<String> wrong = write("POST", "/api/limits", "{\"providers\":{\"llm\":9}}",
                "Content-Type", "application/json", "X-Turnstile-Token", "guess");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(write("DELETE", "/api/providers/llm", "").statusCode()).isEqualTo(401);
        assertThat(write("POST", "/api/providers/llm/pause", "{\"duration\":\"1h\"}").statusCode()).isEqualTo(401);
        for (String[] budgetOrBreaker : new String[][] {{"budget", "{\"rpm\":1,\"tpm\":1}"}, {"breaker", "{\"failures\":1}"}}) {
            String path = "/api/providers/llm/" + budgetOrBreaker[0];
            assertThat(write("POST", path, budgetOrBreaker[1], "Content-Type", "application/json").statusCode())
                    .as(path + " without a token").isEqualTo(401);
            assertThat(write("POST", path, budgetOrBreaker[1], "Content-Type", "application/json",
                    "X-Turnstile-Token", "guess").statusCode()).as(path + " with a wrong token").isEqualTo(401);
        }
        assertThat(fixture.jmx.get(Jmx.provider("llm"), "Rpm")).isEqualTo(0);
        assertThat(fixture.jmx.get(Jmx.provider("llm"), "Tpm")).isEqualTo(0L);
        assertThat(fixture.jmx.get(Jmx.provider("llm"), "BreakerFailures")).isEqualTo(0);
        assertThat(fixture.jmx.limit("llm")).isEqualTo(2);
        assertThat(fixture.jmx.get(Jmx.provider("llm"), "Paused")).isEqualTo(false);
    }

    @Test
    void aChangeFromAnotherOriginIsRefusedEvenWithTheToken() throws Exception {
        HttpResponse<String> foreign = write("POST", "/api/limits", "{\"providers\":{\"llm\":9}}", "Content-Type",
                "application/json", "X-Turnstile-Token", Console.TOKEN, "Origin", "http://evil.example");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> form = write("POST", "/api/limits", "providers=9", "Content-Type",
                "application/x-www-form-urlencoded", "X-Turnstile-Token", Console.TOKEN);
        assertThat(form.statusCode()).isEqualTo(415);
        HttpResponse<String> preflight = write("OPTIONS", "/api/limits", "", "Origin", "http://evil.example",
                "Access-Control-Request-Method", "POST");
        assertThat(preflight.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(fixture.jmx.limit("llm")).isEqualTo(2);
    }

    @Test
    void aForeignHostNameIsRefused() throws Exception {
        // What a DNS-rebinding page would send: the attacker's name for our address.
        try (Socket socket = new Socket("127.0.0.1", console.web.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/status HTTP/1.1\r\nHost: evil.example:" + console.web.port()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 403").doesNotContain("\"providers\"");
        }
    }
}
