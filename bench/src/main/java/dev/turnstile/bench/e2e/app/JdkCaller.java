package dev.turnstile.bench.e2e.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** The JDK {@link HttpClient} over HTTP/1.1 with a kept-alive connection. */
final class JdkCaller implements Caller {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final HttpRequest small;
    private final HttpRequest stream;

    JdkCaller(String baseUrl) {
        small = post(baseUrl + "/small");
        stream = post(baseUrl + "/stream");
    }

    private static HttpRequest post(String url) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Requests.BODY))
                .build();
    }

    @Override
    public long small() throws IOException, InterruptedException {
        return client.send(small, HttpResponse.BodyHandlers.ofByteArray()).body().length;
    }

    @Override
    public long stream() throws IOException, InterruptedException {
        HttpResponse<java.io.InputStream> response = client.send(stream, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader events = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            return Requests.countEvents(events);
        }
    }
}
