package dev.turnstile.it.apps;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Vert.x {@code WebClient} over its {@code HttpClient}, as a Vert.x application
 * uses it: the whole answer as one buffer. It has no cancel, so it takes no part in the cancel
 * scenarios.
 */
public final class VertxWebTestClient implements TestClient, TestClient.Factory {

    private Vertx vertx;
    private WebClient client;
    private long idleTimeoutMillis;

    @Override
    public TestClient create(Duration readTimeout) {
        VertxWebTestClient created = new VertxWebTestClient();
        created.vertx = Vertx.vertx();
        created.client = WebClient.create(created.vertx, new WebClientOptions().setConnectTimeout(5_000));
        created.idleTimeoutMillis = readTimeout.toMillis();
        return created;
    }

    private HttpRequest<Buffer> request(String method, String url) {
        return client.requestAbs(HttpMethod.valueOf(method), url)
                .putHeader("Authorization", "Bearer sk-test-secret-do-not-log")
                .putHeader("Content-Type", "application/json")
                .idleTimeout(idleTimeoutMillis);
    }

    @Override
    public int call(String method, String url) throws Exception {
        HttpRequest<Buffer> request = request(method, url);
        return ("GET".equals(method) ? request.send() : request.sendBuffer(Buffer.buffer("{\"model\":\"m\"}")))
                .map(response -> response.statusCode())
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Override
    public int callAndCloseEarly(String url) {
        throw new UnsupportedOperationException("the WebClient hands the application whole answers");
    }

    @Override
    public CompletableFuture<Integer> callAsync(String url) {
        return request("POST", url).sendBuffer(Buffer.buffer("{\"model\":\"m\"}"))
                .map(response -> response.statusCode()).toCompletionStage().toCompletableFuture();
    }

    @Override
    public void close() throws Exception {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
