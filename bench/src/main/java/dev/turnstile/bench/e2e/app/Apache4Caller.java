package dev.turnstile.bench.e2e.app;

import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Apache HttpClient 4 with its default pooling connection manager. */
final class Apache4Caller implements Caller {

    private final CloseableHttpClient client = HttpClients.createDefault();
    private final String small;
    private final String stream;

    Apache4Caller(String baseUrl) {
        small = baseUrl + "/small";
        stream = baseUrl + "/stream";
    }

    @Override
    public long small() throws IOException {
        try (CloseableHttpResponse response = client.execute(post(small))) {
            return EntityUtils.toByteArray(response.getEntity()).length;
        }
    }

    @Override
    public long stream() throws IOException {
        try (CloseableHttpResponse response = client.execute(post(stream));
             BufferedReader events = new BufferedReader(
                     new InputStreamReader(response.getEntity().getContent(), StandardCharsets.UTF_8))) {
            return Requests.countEvents(events);
        }
    }

    private static HttpPost post(String url) {
        HttpPost post = new HttpPost(url);
        post.setEntity(new StringEntity(Requests.BODY, ContentType.APPLICATION_JSON));
        return post;
    }
}
