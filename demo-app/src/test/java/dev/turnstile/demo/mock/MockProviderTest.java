package dev.turnstile.demo.mock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class MockProviderTest {

    private static final Duration FIRST = Duration.ofMillis(400);
    private static final Duration EVERY = Duration.ofMillis(30);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private MockProvider provider;

    @AfterEach
    void stop() {
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void streamsMaxTokensTokensThenDone() throws Exception {
        provider = start(4, Duration.ofSeconds(1), duration -> { });

        HttpResponse<String> response = http.send(chat(5), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
        List<String> events = dataLines(response.body());
        assertThat(events).hasSize(7).last().isEqualTo("[DONE]");
        assertThat(events.subList(0, 5)).allSatisfy(event -> assertThat(event).contains("\"content\":\""));
        assertThat(events.get(5)).contains("\"finish_reason\":\"stop\"");
    }

    @Test
    void pacesTheFirstTokenAndEveryTokenAfter() throws Exception {
        List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
        provider = start(4, Duration.ofSeconds(1), waits::add);

        http.send(chat(4), HttpResponse.BodyHandlers.ofString());

        assertThat(waits).containsExactly(FIRST, EVERY, EVERY, EVERY);
        assertThat(provider.pace().answerTime(4)).isEqualTo(FIRST.plus(EVERY.multipliedBy(3)));
    }

    @Test
    void aboveTheCapAnswers429WithRetryAfterAtOnce() throws Exception {
        CountDownLatch serving = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        provider = start(1, Duration.ofSeconds(2), duration -> {
            serving.countDown();
            assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
        });
        CompletableFuture<HttpResponse<String>> first = http.sendAsync(chat(1), HttpResponse.BodyHandlers.ofString());
        assertThat(serving.await(10, TimeUnit.SECONDS)).isTrue();

        HttpResponse<String> second = http.send(chat(1), HttpResponse.BodyHandlers.ofString());

        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.headers().firstValue("retry-after")).hasValue("2");
        assertThat(second.body()).contains("rate_limit_exceeded");
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(provider.cap().rejected()).isEqualTo(1);
        assertThat(provider.cap().maxServing()).isEqualTo(1);
        assertThat(provider.cap().maxSeen()).isEqualTo(2);
    }

    @Test
    void aCallIsNoLongerCountedOnceItsClientHasReadDone() throws Exception {
        provider = start(1, Duration.ofSeconds(1), duration -> { });

        HttpResponse<InputStream> response = http.send(chat(3), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null && !line.equals("data: [DONE]")) {
                // read up to [DONE]
            }
            assertThat(line).isEqualTo("data: [DONE]");
            assertThat(provider.cap().serving()).isZero();
        }
        assertThat(provider.cap().served()).isEqualTo(1);
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUp() throws IOException {
        provider = start(1, Duration.ofMillis(1500), duration -> { });

        assertThat(provider.retryAfterSeconds()).isEqualTo(2);
    }

    private MockProvider start(int cap, Duration retryAfter, Sleeper sleeper) throws IOException {
        return MockProvider.start(new InetSocketAddress("127.0.0.1", 0), cap, new Pace(FIRST, EVERY), retryAfter, sleeper);
    }

    private HttpRequest chat(int maxTokens) {
        return HttpRequest.newBuilder(URI.create(provider.baseUrl() + MockProvider.PATH))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"m\",\"stream\":true,\"max_tokens\":" + maxTokens + ",\"messages\":[]}"))
                .build();
    }

    private static List<String> dataLines(String body) {
        List<String> events = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("data: ")) {
                events.add(line.substring(6));
            }
        }
        return events;
    }
}
