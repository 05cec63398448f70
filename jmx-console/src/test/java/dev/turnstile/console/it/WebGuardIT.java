package dev.turnstile.console.it;

import dev.turnstile.console.it.support.Console;
import dev.turnstile.console.it.support.Fixture;
import dev.turnstile.console.it.support.Jmx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every changing request of the web API (each path and method), sent every way that must not work:
 * without the token, with a wrong or almost-right one, with the token anywhere but its header, with the
 * right token from another origin or site, as a CORS "simple request", and as a preflight. Each is
 * refused with a JSON error and no CORS grant, and the target's settings stay as they were.
 * {@link WebApiIT} shows the accepted paths and the first refusal of each kind.
 */
class WebGuardIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Fixture fixture;
    private static Console console;

    /** A changing request: method, path, JSON body. */
    private record Change(String method, String path, String body) {
        @Override
        public String toString() {
            return method + " " + path + " " + body;
        }
    }

    /** The headers of one way to send a change, and the status it must get. */
    private record Attempt(String name, int status, String query, String... headers) {
    }

    private static final List<Change> CHANGES = List.of(
            new Change("POST", "/api/limits", "{\"global\":1,\"providers\":{\"llm\":9}}"),
            new Change("PUT", "/api/limits", "{\"providers\":{\"llm\":9}}"),
            new Change("POST", "/api/providers", "{\"id\":\"evil\",\"hosts\":\"evil.example.com\",\"limit\":1}"),
            new Change("DELETE", "/api/providers/llm", ""),
            new Change("POST", "/api/providers/llm/pause", "{\"duration\":\"1h\"}"),
            new Change("POST", "/api/providers/llm/resume", "{}"),
            new Change("PATCH", "/api/providers/llm", "{\"limit\":9}"));

    private static List<Attempt> attempts() {
        String token = Console.TOKEN;
        String json = "application/json";
        int port = console.web.port();
        return List.of(
                new Attempt("no token", 401, "", "Content-Type", json),
                new Attempt("wrong token", 401, "", "Content-Type", json, "X-Turnstile-Token", "guess-guess-guess-guess"),
                new Attempt("token cut short", 401, "", "Content-Type", json,
                        "X-Turnstile-Token", token.substring(0, token.length() - 1)),
                new Attempt("token with more", 401, "", "Content-Type", json, "X-Turnstile-Token", token + "x"),
                new Attempt("token in upper case", 401, "", "Content-Type", json,
                        "X-Turnstile-Token", token.toUpperCase()),
                new Attempt("token in the query string", 401, "?token=" + token + "&X-Turnstile-Token=" + token,
                        "Content-Type", json),
                new Attempt("token as a cookie", 401, "", "Content-Type", json, "Cookie", "X-Turnstile-Token=" + token),
                new Attempt("token as a bearer", 401, "", "Content-Type", json, "Authorization", "Bearer " + token),
                new Attempt("right token, foreign origin", 403, "", "Content-Type", json, "X-Turnstile-Token", token,
                        "Origin", "http://evil.example"),
                new Attempt("right token, opaque origin", 403, "", "Content-Type", json, "X-Turnstile-Token", token,
                        "Origin", "null"),
                new Attempt("right token, another port of loopback", 403, "", "Content-Type", json,
                        "X-Turnstile-Token", token, "Origin", "http://127.0.0.1:" + (port == 1 ? 2 : port - 1)),
                new Attempt("right token, https origin", 403, "", "Content-Type", json, "X-Turnstile-Token", token,
                        "Origin", "https://127.0.0.1:" + port),
                new Attempt("right token, cross-site fetch", 403, "", "Content-Type", json, "X-Turnstile-Token", token,
                        "Sec-Fetch-Site", "cross-site"),
                new Attempt("right token, same-site fetch", 403, "", "Content-Type", json, "X-Turnstile-Token", token,
                        "Sec-Fetch-Site", "same-site"),
                new Attempt("right token, a form a page may post", 415, "", "Content-Type",
                        "application/x-www-form-urlencoded", "X-Turnstile-Token", token),
                new Attempt("right token, text/plain", 415, "", "Content-Type", "text/plain", "X-Turnstile-Token", token));
    }

    /** A console per test, on the shared target, which is paused so that a resume would show. */
    @BeforeEach
    void startPaused() throws Exception {
        fixture = Fixture.get();
        fixture.reset();
        fixture.jmx.invoke(Jmx.provider(Fixture.PROVIDER), "pause", new Object[] {600_000L}, new String[] {"long"});
        console = new Console(fixture.target.hostPort());
    }

    @AfterEach
    void stopAndResume() throws Exception {
        console.close();
        fixture.reset();
    }

    @Test
    void everyChangeSentAnyWrongWayIsRefusedAndChangesNothing() throws Exception {
        Map<String, Object> before = fixture.jmx.settings();
        List<String> wronglyAnswered = new ArrayList<>();
        for (Change change : CHANGES) {
            for (Attempt attempt : attempts()) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(console.url(change.path + attempt.query)))
                        .method(change.method, HttpRequest.BodyPublishers.ofString(change.body));
                request.headers(attempt.headers);
                HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != attempt.status || !answer.body().startsWith("{\"error\":")
                        || answer.headers().firstValue("Access-Control-Allow-Origin").isPresent()) {
                    wronglyAnswered.add(change + " (" + attempt.name + "): " + answer.statusCode() + " " + answer.body());
                }
            }
        }
        assertThat(wronglyAnswered).isEmpty();
        assertThat(fixture.jmx.settings()).isEqualTo(before);
    }

    @Test
    void noPreflightIsGrantedForAnyPath() throws Exception {
        for (Change change : CHANGES) {
            HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(URI.create(console.url(change.path)))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "http://evil.example")
                    .header("Access-Control-Request-Method", change.method)
                    .header("Access-Control-Request-Headers", "x-turnstile-token, content-type").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(preflight.statusCode()).as(change.toString()).isGreaterThanOrEqualTo(400);
            assertThat(preflight.headers().map().keySet()).as(change.toString())
                    .noneMatch(name -> name.toLowerCase().startsWith("access-control-allow"));
        }
    }

    @Test
    void theRightWayStillWorks() throws Exception {
        HttpResponse<String> resumed = HTTP.send(HttpRequest.newBuilder(URI.create(console.url("/api/providers/llm/resume")))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json")
                .header("X-Turnstile-Token", Console.TOKEN).header("Origin", console.url("").replaceAll("/$", ""))
                .header("Sec-Fetch-Site", "same-origin").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
        assertThat(fixture.jmx.get(Jmx.provider(Fixture.PROVIDER), "Paused")).isEqualTo(false);
    }
}
