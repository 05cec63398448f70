package dev.turnstile.bench.e2e.app;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Apache HttpClient 5 classic with its default pooling connection manager. */
final class Apache5Caller implements Caller {

    private final CloseableHttpClient client = HttpClients.createDefault();
    private final String small;
    private final String stream;

    Apache5Caller(String baseUrl) {
        small = baseUrl + "/small";
        stream = baseUrl + "/stream";
    }

    @Override
    public long small() throws IOException {
        return client.execute(post(small), response -> (long) EntityUtils.toByteArray(response.getEntity()).length);
    }

    @Override
    public long stream() throws IOException {
        return client.execute(post(stream), response -> {
            try (BufferedReader events = new BufferedReader(
                    new InputStreamReader(response.getEntity().getContent(), StandardCharsets.UTF_8))) {
                return Requests.countEvents(events);
            }
        });
    }

    private static HttpPost post(String url) {
        HttpPost post = new HttpPost(url);
        post.setEntity(new StringEntity(Requests.BODY, ContentType.APPLICATION_JSON));
        return post;
    }
}
