package dev.turnstile.it.apps;

import org.eclipse.jetty.client.AsyncRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.Callback;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Jetty's {@code HttpClient} 12 as Spring's Jetty connectors use it: {@code call} with the
 * blocking {@code send()}; the streamed answers with an {@link InputStreamResponseListener}
 * (early close, a body held open); {@code callAsync} with {@code send(listener)}, a request body
 * streamed through an {@link AsyncRequestContent} written after the send, and the answer read
 * chunk by chunk in {@code onContent}. Cancel aborts the request.
 */
public final class JettyTestClient implements TestClient, TestClient.Factory {

    private static final String JSON = "{\"model\":\"m\"}";

    private HttpClient client;

    @Override
    public TestClient create(Duration readTimeout) throws Exception {
        JettyTestClient created = new JettyTestClient();
        created.client = new HttpClient();
        created.client.setConnectTimeout(5_000);
        created.client.setIdleTimeout(readTimeout.toMillis());
        created.client.start();
        return created;
    }

    private Request request(String method, String url) {
        Request request = client.newRequest(url).method(method)
                .headers(headers -> headers.put("Authorization", "Bearer sk-test-secret-do-not-log"));
        return "GET".equals(method) ? request : request.body(new StringRequestContent("application/json", JSON));
    }

    @Override
    public int call(String method, String url) throws Exception {
        ContentResponse response = request(method, url).send();
        return response.getStatus();
    }

    /** Sends with an {@link InputStreamResponseListener} and waits for the head of the answer. */
    private InputStreamResponseListener stream(String url) throws Exception {
        InputStreamResponseListener listener = new InputStreamResponseListener();
        request("POST", url).send(listener);
        listener.get(10, TimeUnit.SECONDS);
        return listener;
    }

    @Override
    public int callAndCloseEarly(String url) throws Exception {
        InputStreamResponseListener listener = stream(url);
        try (InputStream body = listener.getInputStream()) {
            body.read(new byte[8]);
        }
        return listener.get(0, TimeUnit.SECONDS).getStatus();
    }

    @Override
    public AutoCloseable callAndKeepBodyOpen(String url) throws Exception {
        InputStream body = stream(url).getInputStream();
        body.read(new byte[8]);
        return body;
    }

    @Override
    public CompletableFuture<Integer> callAsync(String url) {
        AsyncRequestContent content = new AsyncRequestContent("application/json");
        Request request = client.newRequest(url).method("POST")
                .headers(headers -> headers.put("Authorization", "Bearer sk-test-secret-do-not-log"))
                .body(content);
        CompletableFuture<Integer> result = new CompletableFuture<Integer>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean cancelled = super.cancel(mayInterruptIfRunning); // first: the abort answers at once
                request.abort(new CancellationException("cancelled by the application"));
                return cancelled;
            }
        };
        request.send(new Response.Listener() {
            @Override
            public void onContent(Response response, Content.Chunk chunk, Runnable demander) {
                ByteBuffer bytes = chunk.getByteBuffer(); // streamed: each chunk read as it comes
                bytes.get(new byte[bytes.remaining()]);
                demander.run();
            }

            @Override
            public void onComplete(Result outcome) {
                if (outcome.isFailed()) {
                    result.completeExceptionally(outcome.getFailure());
                } else {
                    result.complete(outcome.getResponse().getStatus());
                }
            }
        });
        content.write(ByteBuffer.wrap(JSON.getBytes(StandardCharsets.UTF_8)), Callback.NOOP);
        content.close();
        return result;
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }
}
