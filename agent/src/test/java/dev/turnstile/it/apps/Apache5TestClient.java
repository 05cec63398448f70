package dev.turnstile.it.apps;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Apache HttpClient 5 classic, with its default retry strategy (it retries a 429 by itself). */
public final class Apache5TestClient implements TestClient, TestClient.Factory {

    private CloseableHttpClient client;

    @Override
    public TestClient create(Duration readTimeout) {
        Timeout timeout = Timeout.of(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        Apache5TestClient created = new Apache5TestClient();
        created.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(20).setMaxConnTotal(50)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(5)).setSocketTimeout(timeout).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).build())
                .build();
        return created;
    }

    static ClassicHttpRequest request(String method, String url) {
        ClassicHttpRequest request = "GET".equals(method) ? new HttpGet(url) : new HttpPost(url);
        request.setHeader("Authorization", "Bearer sk-test-secret-do-not-log");
        if (!"GET".equals(method)) {
            request.setEntity(new StringEntity("{\"model\":\"m\"}", ContentType.APPLICATION_JSON));
        }
        return request;
    }

    @Override
    public int call(String method, String url) throws Exception {
        return call(method, url, Map.of());
    }

    @Override
    public int call(String method, String url, Map<String, String> headers) throws Exception {
        ClassicHttpRequest request = request(method, url);
        headers.forEach(request::setHeader);
        return client.execute(request, response -> {
            EntityUtils.toString(response.getEntity());
            return response.getCode();
        });
    }

    @Override
    public int callAndCloseEarly(String url) throws Exception {
        try (ClassicHttpResponse response = client.executeOpen(null, request("POST", url), null)) {
            InputStream body = response.getEntity().getContent();
            body.read(new byte[8]);
            return response.getCode();
        }
    }

    @Override
    public AutoCloseable callAndKeepBodyOpen(String url) throws Exception {
        ClassicHttpResponse response = client.executeOpen(null, request("POST", url), null);
        response.getEntity().getContent().read(new byte[8]);
        return response;
    }

    @Override
    public void close() throws Exception {
        client.close();
    }
}
