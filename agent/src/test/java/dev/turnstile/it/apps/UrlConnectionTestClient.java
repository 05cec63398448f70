package dev.turnstile.it.apps;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code java.net.HttpURLConnection} as applications use it: status first, then the body from
 * {@code getInputStream}, or from {@code getErrorStream} for a 4xx/5xx.
 */
public final class UrlConnectionTestClient implements TestClient, TestClient.Factory {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private int readTimeoutMillis;

    @Override
    public TestClient create(Duration readTimeout) {
        UrlConnectionTestClient created = new UrlConnectionTestClient();
        created.readTimeoutMillis = (int) readTimeout.toMillis();
        return created;
    }

    /** Opens the connection and sends the request (a small JSON body unless GET or HEAD). */
    public HttpURLConnection send(String method, String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        connection.setReadTimeout(readTimeoutMillis);
        connection.setRequestMethod(method);
        connection.setRequestProperty("Authorization", "Bearer sk-test-secret-do-not-log");
        connection.setRequestProperty("Content-Type", "application/json");
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            connection.setDoOutput(true);
            try (OutputStream out = connection.getOutputStream()) {
                out.write("{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8));
            }
        }
        return connection;
    }

    @Override
    public int call(String method, String url) throws Exception {
        HttpURLConnection connection = send(method, url);
        int status = connection.getResponseCode();
        try (InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            if (body != null) {
                body.readAllBytes();
            }
        }
        return status;
    }

    @Override
    public AutoCloseable callAndKeepBodyOpen(String url) throws Exception {
        InputStream body = send("POST", url).getInputStream();
        body.read(new byte[8]);
        return body;
    }

    @Override
    public int callAndCloseEarly(String url) throws Exception {
        HttpURLConnection connection = send("POST", url);
        try (InputStream body = connection.getInputStream()) {
            body.read(new byte[8]);
        }
        return connection.getResponseCode();
    }
}
