package dev.turnstile.it.apps;

import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Apache HttpClient 5 async: {@code callAsync} adapts its future (cancel goes through);
 * {@code call} uses it synchronously, cancelling the exchange when the waiting caller is interrupted.
 */
public final class Apache5AsyncTestClient implements TestClient, TestClient.Factory {

    private CloseableHttpAsyncClient client;

    @Override
    public TestClient create(Duration readTimeout) {
        Timeout timeout = Timeout.of(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        Apache5AsyncTestClient created = new Apache5AsyncTestClient();
        created.client = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(20).setMaxConnTotal(50)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(5)).setSocketTimeout(timeout).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).build())
                .build();
        created.client.start();
        return created;
    }

    private static SimpleHttpRequest request(String method, String url) {
        SimpleRequestBuilder builder = SimpleRequestBuilder.create(method).setUri(url)
                .addHeader("Authorization", "Bearer sk-test-secret-do-not-log");
        if (!"GET".equals(method)) {
            builder.setBody("{\"model\":\"m\"}", ContentType.APPLICATION_JSON);
        }
        return builder.build();
    }

    private Future<SimpleHttpResponse> execute(String method, String url, FutureCallback<SimpleHttpResponse> callback) {
        return client.execute(request(method, url), callback);
    }

    @Override
    public int call(String method, String url) throws Exception {
        Future<SimpleHttpResponse> future = execute(method, url, null);
        try {
            return future.get().getCode();
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    @Override
    public int callAndCloseEarly(String url) throws Exception {
        // The async API has no body stream to close: a streaming consumer gives up after its first
        // bytes by failing, which aborts the exchange. (Cancelling the future is another way, which
        // HttpClient can lose: see agent/README.md, "Apache async, a cancel the client loses"; it is
        // covered by cancellingACallInFlightReleasesTheSlot.)
        CompletableFuture<Integer> firstBytes = new CompletableFuture<>();
        Future<Void> exchange = client.execute(SimpleRequestProducer.create(request("POST", url)),
                new AbstractBinResponseConsumer<Void>() {
                    private int status;

                    @Override
                    protected void start(HttpResponse response, ContentType contentType) {
                        status = response.getCode();
                    }

                    @Override
                    protected int capacityIncrement() {
                        return 4096;
                    }

                    @Override
                    protected void data(ByteBuffer data, boolean endOfStream) throws IOException {
                        firstBytes.complete(status);
                        if (!endOfStream) {
                            throw new IOException("closed early by the application");
                        }
                    }

                    @Override
                    protected Void buildResult() {
                        return null;
                    }

                    @Override
                    public void releaseResources() {
                    }
                }, null);
        int status = firstBytes.get(10, TimeUnit.SECONDS);
        try {
            exchange.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException expected) {
            // the abort above
        }
        return status;
    }

    @Override
    public CompletableFuture<Integer> callAsync(String url) {
        AtomicReference<Future<SimpleHttpResponse>> apache = new AtomicReference<>();
        CompletableFuture<Integer> result = new CompletableFuture<Integer>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                Future<SimpleHttpResponse> future = apache.get();
                if (future != null) {
                    future.cancel(mayInterruptIfRunning);
                }
                return cancelled;
            }
        };
        apache.set(execute("POST", url, new FutureCallback<SimpleHttpResponse>() {
            @Override
            public void completed(SimpleHttpResponse response) {
                result.complete(response.getCode());
            }

            @Override
            public void failed(Exception ex) {
                result.completeExceptionally(ex);
            }

            @Override
            public void cancelled() {
                result.completeExceptionally(new CancellationException("cancelled"));
            }
        }));
        if (result.isCancelled()) {
            apache.get().cancel(true);
        }
        return result;
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }
}
