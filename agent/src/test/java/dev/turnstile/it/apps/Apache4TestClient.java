package dev.turnstile.it.apps;

import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.client.methods.HttpRequestBase;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.apache.http.util.EntityUtils;

import java.io.InputStream;
import java.time.Duration;

/** Apache HttpClient 4.5 classic. */
public final class Apache4TestClient implements TestClient, TestClient.Factory {

    private CloseableHttpClient client;

    @Override
    public TestClient create(Duration readTimeout) {
        PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager();
        connections.setMaxTotal(50);
        connections.setDefaultMaxPerRoute(20); // the default of 2 would be a hidden queue of its own
        Apache4TestClient created = new Apache4TestClient();
        created.client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom().setConnectTimeout(5000)
                        .setSocketTimeout((int) readTimeout.toMillis()).build())
                .build();
        return created;
    }

    private static HttpRequestBase request(String method, String url) {
        HttpRequestBase request;
        if ("GET".equals(method)) {
            request = new HttpGet(url);
        } else {
            HttpPost post = new HttpPost(url);
            post.setEntity(new StringEntity("{\"model\":\"m\"}", ContentType.APPLICATION_JSON));
            request = post;
        }
        request.setHeader("Authorization", "Bearer sk-test-secret-do-not-log");
        return request;
    }

    @Override
    public int call(String method, String url) throws Exception {
        return client.execute(request(method, url), response -> {
            EntityUtils.toString(response.getEntity());
            return response.getStatusLine().getStatusCode();
        });
    }

    @Override
    public int callAndCloseEarly(String url) throws Exception {
        try (CloseableHttpResponse response = client.execute(request("POST", url))) {
            InputStream body = response.getEntity().getContent();
            body.read(new byte[8]);
            return response.getStatusLine().getStatusCode();
        }
    }

    @Override
    public AutoCloseable callAndKeepBodyOpen(String url) throws Exception {
        CloseableHttpResponse response = client.execute(request("POST", url));
        response.getEntity().getContent().read(new byte[8]);
        return response;
    }

    @Override
    public void close() throws Exception {
        client.close();
    }
}
