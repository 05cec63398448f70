package dev.turnstile.it.apps;

import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An application whose every call carries credentials: {@code Authorization: Bearer <key>} and
 * {@code x-api-key: <key>}, through the JDK HttpClient (send and sendAsync) and OkHttp (execute
 * and enqueue), to a good answer, a 429, and a provider that refuses connections. It waits for
 * {@code go} on standard input (so that a JMX client can listen first), prints one line per call
 * (status or failure, never a header), then {@code CALLS DONE}, and stays up until {@code quit}.
 *
 * <p>{@code SecretHeadersApp <bearer-key> <api-key> <ok-url> <rate-limit-url> <refused-url>}
 */
public final class SecretHeadersApp {

    private static final MediaType JSON = MediaType.parse("application/json");
    private static final String BODY = "{\"model\":\"m\",\"messages\":[]}";

    private SecretHeadersApp() {
    }

    public static void main(String[] args) throws Exception {
        String bearer = args[0];
        String apiKey = args[1];
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("READY");
        System.out.flush();
        if (!"go".equals(stdin.readLine())) {
            return;
        }
        HttpClient jdk = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        OkHttpClient okhttp = new OkHttpClient.Builder().connectTimeout(5, TimeUnit.SECONDS).build();
        for (int i = 2; i < args.length; i++) {
            String url = args[i];
            print("jdk-send", url, () -> String.valueOf(jdk.send(jdkRequest(url, bearer, apiKey),
                    HttpResponse.BodyHandlers.ofString()).statusCode()));
            print("jdk-async", url, () -> String.valueOf(jdk.sendAsync(jdkRequest(url, bearer, apiKey),
                    HttpResponse.BodyHandlers.ofString()).get(30, TimeUnit.SECONDS).statusCode()));
            print("okhttp-execute", url, () -> {
                try (Response response = okhttp.newCall(okRequest(url, bearer, apiKey)).execute()) {
                    response.body().string();
                    return String.valueOf(response.code());
                }
            });
            print("okhttp-enqueue", url, () -> enqueue(okhttp, okRequest(url, bearer, apiKey)).get(30, TimeUnit.SECONDS));
        }
        System.out.println("CALLS DONE");
        System.out.flush();
        while (!"quit".equals(stdin.readLine())) {
            Thread.sleep(10);
        }
    }

    private static HttpRequest jdkRequest(String url, String bearer, String apiKey) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + bearer).header("x-api-key", apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
    }

    private static Request okRequest(String url, String bearer, String apiKey) {
        return new Request.Builder().url(url).header("Authorization", "Bearer " + bearer).header("x-api-key", apiKey)
                .post(RequestBody.create(JSON, BODY)).build();
    }

    private static CompletableFuture<String> enqueue(OkHttpClient client, Request request) {
        CompletableFuture<String> status = new CompletableFuture<>();
        client.newCall(request).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                status.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call call, Response response) throws IOException {
                try (Response closing = response) {
                    closing.body().string();
                    status.complete(String.valueOf(closing.code()));
                }
            }
        });
        return status;
    }

    interface Call0 {
        String call() throws Exception;
    }

    /** The status, or the failure's class only: the application itself never prints a header. */
    private static void print(String client, String url, Call0 call) {
        String path = URI.create(url).getPath();
        try {
            System.out.println("CALL " + client + " " + path + " status=" + call.call());
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            System.out.println("CALL " + client + " " + path + " failed=" + root.getClass().getSimpleName());
        }
        System.out.flush();
    }
}
