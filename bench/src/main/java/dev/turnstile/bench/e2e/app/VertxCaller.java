package dev.turnstile.bench.e2e.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.util.concurrent.ExecutionException;

/**
 * Vert.x 5 core {@code HttpClient}, waiting for each answer's whole body from the calling thread.
 *
 * <p>The body is asked for inside the callback that sends the request, never by a {@code compose}
 * the calling thread chains on afterwards. That callback runs on the request's event loop, which
 * also delivers the answer, so the body handler is in place before the answer's first byte. A
 * later handler is not: when the calling thread is descheduled long enough for the whole exchange
 * to finish, its {@code compose} runs as a new event-loop task after the answer has ended, and
 * {@code HttpClientResponse.body()} called then never completes (Vert.x 5.0.7): the call hangs.
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
                .compose(request -> request.putHeader("Content-Type", "application/json").send(Requests.BODY)
                        .compose(HttpClientResponse::body));
    }

    private static Buffer await(Future<Buffer> future) throws IOException, InterruptedException {
        try {
            return future.toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }
}
