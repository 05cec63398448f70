package dev.turnstile.demo.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** The JDK's {@link HttpClient}, blocking {@code send}, the body read as an InputStream. */
public final class JdkChatClient implements ChatClient {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final URI uri;
    private final String apiKey;

    public JdkChatClient(String baseUrl, String apiKey) {
        this.uri = URI.create(ChatRequests.url(baseUrl));
        this.apiKey = apiKey;
    }

    @Override
    public String stack() {
        return "jdk-httpclient";
    }

    @Override
    public ChatAnswer complete(String prompt, int maxTokens) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(ChatRequests.body(prompt, maxTokens)))
                .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                body.readAllBytes();
                String retryAfter = response.headers().firstValue("retry-after").orElse(null);
                return new ChatAnswer(response.statusCode(), RetryAfter.millis(retryAfter, Instant.now()), 0);
            }
            return new ChatAnswer(200, -1, SseStream.countTokens(body));
        }
    }
}
