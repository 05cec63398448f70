package dev.turnstile.it.apps;

import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * OkHttp: {@code execute} for calls, {@code enqueue} for async calls. Written against the API that
 * OkHttp 3, 4 and 5 share (hence {@code RequestBody.create(MediaType, String)}), so the same class
 * runs on each.
 */
public final class OkHttpTestClient implements TestClient, TestClient.Factory {

    private static final MediaType JSON = MediaType.parse("application/json");

    private OkHttpClient client;

    @Override
    public TestClient create(Duration readTimeout) {
        OkHttpTestClient created = new OkHttpTestClient();
        created.client = new OkHttpClient.Builder()
                .connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .build();
        created.warmUp();
        return created;
    }

    /**
     * One refused call loads OkHttp's call path (and the agent's hooks), as a running application
     * would have: the scenarios time their threads in hundreds of milliseconds, and a cold first
     * call on a slow JDK start can take longer than that.
     */
    private void warmUp() {
        try (Response ignored = client.newCall(request("POST", "http://127.0.0.1:1/warm-up")).execute()) {
            // nothing listens on port 1
        } catch (IOException expected) {
            // refused, as planned
        }
    }

    private static Request request(String method, String url) {
        return request(method, url, Map.of());
    }

    private static Request request(String method, String url, Map<String, String> headers) {
        Request.Builder builder = new Request.Builder().url(url)
                .header("Authorization", "Bearer sk-test-secret-do-not-log");
        headers.forEach(builder::header);
        return "GET".equals(method) ? builder.get().build()
                : builder.method(method, RequestBody.create(JSON, "{\"model\":\"m\"}")).build();
    }

    @Override
    public int call(String method, String url) throws Exception {
        return call(method, url, Map.of());
    }

    @Override
    public int call(String method, String url, Map<String, String> headers) throws Exception {
        try (Response response = client.newCall(request(method, url, headers)).execute()) {
            ResponseBody body = response.body();
            if (body != null) {
                body.string();
            }
            return response.code();
        }
    }

    @Override
    public int callAndCloseEarly(String url) throws Exception {
        Response response = client.newCall(request("POST", url)).execute();
        try (InputStream body = response.body().byteStream()) {
            body.read(new byte[8]);
        }
        return response.code();
    }

    @Override
    public AutoCloseable callAndKeepBodyOpen(String url) throws Exception {
        Response response = client.newCall(request("POST", url)).execute();
        response.body().source().request(8);
        return response;
    }

    @Override
    public CompletableFuture<Integer> callAsync(String url) {
        Call call = client.newCall(request("POST", url));
        CompletableFuture<Integer> result = new CompletableFuture<Integer>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                // First: the call's onFailure("Canceled") may come back before call.cancel() returns.
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                call.cancel();
                return cancelled;
            }
        };
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call failed, IOException e) {
                result.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call answered, Response response) {
                try (Response closing = response) {
                    closing.body().string();
                    result.complete(closing.code());
                } catch (IOException | RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }
        });
        return result;
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
