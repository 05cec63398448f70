package dev.turnstile.it.apps;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Vert.x core's {@code HttpClient}, as an application on its event loop uses it: every call is
 * futures; {@code call} waits for them, resetting the request when the waiting caller is
 * interrupted, and an async call's {@code cancel} resets its request. The read timeout is the
 * request's idle timeout. Compiled against Vert.x 5, it runs on 4.5 too ({@code Vertx45IT}): what
 * it calls has the same shape in both, but for {@code createHttpClient} and {@code reset()}.
 */
public class VertxTestClient implements TestClient, TestClient.Factory {

    private static final Buffer BODY = Buffer.buffer("{\"model\":\"m\"}");

    private Vertx vertx;
    private HttpClient client;

    @Override
    public TestClient create(Duration readTimeout) {
        VertxTestClient created = new VertxTestClient();
        created.vertx = Vertx.vertx();
        // The read timeout: the connection's read idle timeout fails a head or a body that stalls
        // (a request's idle timeout stops at the response's head, and would also count the connect).
        created.client = createHttpClient(created.vertx, protocol(new HttpClientOptions().setConnectTimeout(5_000)
                        .setReadIdleTimeout((int) readTimeout.toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)),
                new PoolOptions().setHttp1MaxSize(20));
        return created;
    }

    /** {@code options} speaking the protocols of this test client: Vert.x's default, HTTP/1.1. */
    protected HttpClientOptions protocol(HttpClientOptions options) {
        return options;
    }

    private Future<HttpClientRequest> request(String method, String url) {
        return client.request(new RequestOptions().setMethod(HttpMethod.valueOf(method)).setAbsoluteURI(url)
                .putHeader("Authorization", "Bearer sk-test-secret-do-not-log")
                .putHeader("Content-Type", "application/json"))
                // The application hears failures through its futures; without a handler Vert.x also logs them as ERROR.
                .onSuccess(request -> request.exceptionHandler(failure -> { }));
    }

    /**
     * Sends the request with {@code answer} already in place for its response: chained after
     * {@code send} from this thread instead, it could come after the event loop had delivered the
     * whole answer, and a body asked for then never completes (Vert.x 5.0.7).
     */
    private static <T> Future<T> send(String method, HttpClientRequest request,
                                      Function<HttpClientResponse, Future<T>> answer) {
        Future<T> answered = request.response().compose(answer);
        if ("GET".equals(method)) {
            request.end();
        } else {
            request.end(BODY);
        }
        return answered;
    }

    private static Future<Integer> status(HttpClientResponse response) {
        return response.body().map(body -> response.statusCode());
    }

    /** Completes {@code firstBytes} with the status at the body's first chunk, after {@code onChunk}. */
    private static Future<Void> onFirstChunk(String method, HttpClientRequest request,
                                             CompletableFuture<Integer> firstBytes,
                                             Consumer<HttpClientResponse> onChunk) {
        return send(method, request, response -> {
            response.handler(chunk -> {
                onChunk.accept(response);
                firstBytes.complete(response.statusCode());
            });
            return Future.<Void>succeededFuture();
        }).onFailure(firstBytes::completeExceptionally);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Override
    public int call(String method, String url) throws Exception {
        HttpClientRequest request = await(request(method, url));
        try {
            return await(send(method, request, VertxTestClient::status));
        } catch (InterruptedException e) {
            reset(request);
            throw e;
        }
    }

    @Override
    public int callAndCloseEarly(String url) throws Exception {
        HttpClientRequest request = await(request("POST", url));
        CompletableFuture<Integer> firstBytes = new CompletableFuture<>();
        onFirstChunk("POST", request, firstBytes, response -> { });
        int status = firstBytes.get(10, TimeUnit.SECONDS);
        reset(request); // the application stops reading: Vert.x's way to close a body early
        return status;
    }

    @Override
    public AutoCloseable callAndKeepBodyOpen(String url) throws Exception {
        HttpClientRequest request = await(request("POST", url));
        CompletableFuture<Integer> firstBytes = new CompletableFuture<>();
        onFirstChunk("POST", request, firstBytes, HttpClientResponse::pause); // holds the rest of the body unread
        firstBytes.get(10, TimeUnit.SECONDS);
        return () -> reset(request);
    }

    @Override
    public CompletableFuture<Integer> callAsync(String url) {
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        AtomicBoolean cancelled = new AtomicBoolean();
        CompletableFuture<Integer> result = new CompletableFuture<Integer>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean done = super.cancel(mayInterruptIfRunning);
                cancelled.set(true);
                HttpClientRequest request = sent.get();
                if (request != null) {
                    reset(request);
                }
                return done;
            }
        };
        request("POST", url).compose(request -> {
            sent.set(request);
            if (cancelled.get()) {
                reset(request);
            }
            return send("POST", request, VertxTestClient::status);
        }).onSuccess(result::complete).onFailure(result::completeExceptionally);
        return result;
    }

    /** Vert.x 5's {@code createHttpClient} returns an {@code HttpClientAgent}, 4's an {@code HttpClient}: called by name. */
    private static HttpClient createHttpClient(Vertx vertx, HttpClientOptions options, PoolOptions pool) {
        try {
            return (HttpClient) Vertx.class.getMethod("createHttpClient", HttpClientOptions.class, PoolOptions.class)
                    .invoke(vertx, options, pool);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not create a Vert.x HttpClient", e);
        }
    }

    /** Vert.x 5's {@code reset()} returns a future, 4's a boolean: called by name, so this runs on both. */
    private static void reset(HttpClientRequest request) {
        try {
            HttpClientRequest.class.getMethod("reset").invoke(request);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not reset " + request, e);
        }
    }

    @Override
    public void close() throws Exception {
        client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
