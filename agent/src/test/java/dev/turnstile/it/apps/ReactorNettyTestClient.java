package dev.turnstile.it.apps;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpMethod;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reactor Netty's {@code HttpClient}, as a reactive application uses it: a {@code Mono} per
 * call, waited for through {@code toFuture()} (whose {@code cancel} disposes the subscription);
 * bodies read as a {@code Flux} of chunks, disposed early or held with no demand.
 */
public class ReactorNettyTestClient implements TestClient, TestClient.Factory {

    private ConnectionProvider connections;
    private HttpClient client;

    @Override
    public TestClient create(Duration readTimeout) {
        ReactorNettyTestClient created = new ReactorNettyTestClient();
        created.connections = ConnectionProvider.builder("test").maxConnections(50).build();
        created.client = protocol(HttpClient.create(created.connections))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .responseTimeout(readTimeout) // the longest silence between two reads of an answer
                .headers(headers -> headers.set("Authorization", "Bearer sk-test-secret-do-not-log"));
        return created;
    }

    /** {@code client} speaking the protocols of this test client: Reactor Netty's default, HTTP/1.1. */
    protected HttpClient protocol(HttpClient client) {
        return client;
    }

    private HttpClient.ResponseReceiver<?> request(String method, String url) {
        return request(method, url, Map.of());
    }

    private HttpClient.ResponseReceiver<?> request(String method, String url, Map<String, String> headers) {
        HttpClient configured = headers.isEmpty() ? client : client.headers(more -> headers.forEach(more::set));
        HttpClient.RequestSender sender = configured.request(HttpMethod.valueOf(method)).uri(url);
        return "GET".equals(method) ? sender
                : sender.send(ByteBufFlux.fromString(Mono.just("{\"model\":\"m\"}")));
    }

    private Mono<Integer> status(String method, String url) {
        return status(method, url, Map.of());
    }

    private Mono<Integer> status(String method, String url, Map<String, String> headers) {
        return request(method, url, headers).responseSingle((response, body) ->
                body.asString().defaultIfEmpty("").map(text -> response.status().code()));
    }

    @Override
    public int call(String method, String url) throws Exception {
        return call(method, url, Map.of());
    }

    @Override
    public int call(String method, String url, Map<String, String> headers) throws Exception {
        CompletableFuture<Integer> call = status(method, url, headers).toFuture();
        try {
            return call.get();
        } catch (InterruptedException e) {
            call.cancel(true); // the application gives up: its subscription is disposed
            throw e;
        }
    }

    @Override
    public int callAndCloseEarly(String url) throws Exception {
        FirstChunk first = new FirstChunk();
        request("POST", url).response((response, body) -> body.asString().map(chunk -> response.status().code()))
                .subscribe(first);
        int status = first.status.get(10, TimeUnit.SECONDS);
        first.dispose(); // the subscriber is disposed after the first chunk
        return status;
    }

    @Override
    public AutoCloseable callAndKeepBodyOpen(String url) throws Exception {
        FirstChunk first = new FirstChunk();
        request("POST", url).response((response, body) -> body.asString().map(chunk -> response.status().code()))
                .subscribe(first);
        first.status.get(10, TimeUnit.SECONDS);
        return first::dispose; // holds the body with no more demand until closed
    }

    @Override
    public CompletableFuture<Integer> callAsync(String url) {
        return status("POST", url).toFuture();
    }

    @Override
    public void close() {
        connections.disposeLater().block(Duration.ofSeconds(5));
    }

    /** Asks for one chunk of the body and then for nothing more. */
    private static final class FirstChunk extends BaseSubscriber<Integer> implements Disposable {
        final CompletableFuture<Integer> status = new CompletableFuture<>();

        @Override
        protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
            subscription.request(1);
        }

        @Override
        protected void hookOnNext(Integer value) {
            status.complete(value);
        }

        @Override
        protected void hookOnError(Throwable error) {
            status.completeExceptionally(error);
        }
    }
}
