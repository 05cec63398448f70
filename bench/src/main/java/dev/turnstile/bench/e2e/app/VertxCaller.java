package dev.turnstile.bench.e2e.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.util.concurrent.ExecutionException;

/**
 * Vert.x 5 core {@code HttpClient}, waiting for each answer's whole body from the calling thread.
 * Not in the benchmark's default clients: against {@code LoopbackServer} (the JDK's
 * {@code HttpServer}) a run of a few thousand calls stalls, with or without the agent, a request
 * waiting for a pooled connection that never comes back (seen on 5.0.7; not understood yet).
 */
final class VertxCaller implements Caller {

    private final HttpClient client = Vertx.vertx().createHttpClient(new HttpClientOptions().setKeepAlive(true));
    private final String host;
    private final int port;

    VertxCaller(String baseUrl) {
        URI uri = URI.create(baseUrl);
        host = uri.getHost();
        port = uri.getPort();
    }

    @Override
    public long small() throws IOException, InterruptedException {
        return await(post("/small")).length();
    }

    @Override
    public long stream() throws IOException, InterruptedException {
        return Requests.countEvents(new BufferedReader(new StringReader(await(post("/stream")).toString())));
    }

    private Future<Buffer> post(String path) {
        return client.request(HttpMethod.POST, port, host, path)
                .compose(request -> request.putHeader("Content-Type", "application/json").send(Requests.BODY))
                .compose(response -> response.body());
    }

    private static Buffer await(Future<Buffer> future) throws IOException, InterruptedException {
        try {
            return future.toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }
}
