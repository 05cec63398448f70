package dev.turnstile.it.apps;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code java.net.http.HttpClient}: {@code send} for calls, {@code sendAsync} for async calls. */
public final class JdkHttpTestClient implements TestClient, TestClient.Factory {

    private HttpClient client;
    private Duration readTimeout;

    @Override
    public TestClient create(Duration readTimeout) {
        JdkHttpTestClient created = new JdkHttpTestClient();
        created.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        created.readTimeout = readTimeout;
        return created;
    }

    private HttpRequest request(String method, String url) {
        return request(method, url, Map.of());
    }

    private HttpRequest request(String method, String url, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(readTimeout)
                .header("Authorization", "Bearer sk-test-secret-do-not-log")
                .header("Content-Type", "application/json");
        headers.forEach(builder::header);
        return "GET".equals(method) ? builder.GET().build()
                : builder.method(method, HttpRequest.BodyPublishers.ofString("{\"model\":\"m\"}")).build();
    }

    @Override
    public int call(String method, String url) throws Exception {
        return call(method, url, Map.of());
    }

    @Override
    public int call(String method, String url, Map<String, String> headers) throws Exception {
        return client.send(request(method, url, headers), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Override
    public int callAndCloseEarly(String url) throws Exception {
        // A client of its own: after an early close the JDK client (17 and 25) may hand the still
        // streaming HTTP/1.1 connection to the next request, which then hangs, agent or not.
        HttpClient once = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<InputStream> response = once.send(request("POST", url), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            body.read(new byte[8]);
        }
        return response.statusCode();
    }

    /** The shared client: a client of its own, dropped too, would close the connection when collected. */
    @Override
    public AutoCloseable callAndKeepBodyOpen(String url) throws Exception {
        InputStream body = client.send(request("POST", url), HttpResponse.BodyHandlers.ofInputStream()).body();
        body.read(new byte[8]);
        return body;
    }

    /** Cancelling the returned future cancels the exchange, as an application would do it. */
    @Override
    public CompletableFuture<Integer> callAsync(String url) {
        CompletableFuture<HttpResponse<String>> exchange =
                client.sendAsync(request("POST", url), HttpResponse.BodyHandlers.ofString());
        return TestClient.cancelling(exchange, HttpResponse::statusCode);
    }
}
