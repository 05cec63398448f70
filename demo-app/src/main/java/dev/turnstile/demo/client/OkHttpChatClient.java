package dev.turnstile.demo.client;

import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/** OkHttp, blocking {@code execute}, the body read as a stream. */
public final class OkHttpChatClient implements ChatClient {

    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient http;
    private final String url;
    private final String apiKey;

    public OkHttpChatClient(OkHttpClient http, String baseUrl, String apiKey) {
        this.http = http;
        this.url = ChatRequests.url(baseUrl);
        this.apiKey = apiKey;
    }

    /** A client as an application would build one: generous read timeout for long streams. */
    public static OkHttpClient defaultHttp() {
        return new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(120))
                .build();
    }

    @Override
    public String stack() {
        return "okhttp";
    }

    @Override
    public ChatAnswer complete(String prompt, int maxTokens) throws IOException {
        Request request = new Request.Builder()
                .url(url)
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + apiKey)
                .post(RequestBody.create(ChatRequests.body(prompt, maxTokens), JSON))
                .build();
        try (Response response = http.newCall(request).execute()) {
            ResponseBody body = response.body();
            if (response.code() != 200) {
                body.bytes();
                return new ChatAnswer(response.code(), RetryAfter.millis(response.header("Retry-After"), Instant.now()), 0);
            }
            return new ChatAnswer(200, -1, SseStream.countTokens(body.byteStream()));
        }
    }
}
