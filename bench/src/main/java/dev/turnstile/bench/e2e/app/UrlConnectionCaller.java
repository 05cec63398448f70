package dev.turnstile.bench.e2e.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/** {@code HttpURLConnection}; each answer read to its end and closed, so the JDK keeps the connection alive. */
final class UrlConnectionCaller implements Caller {

    private static final byte[] BODY = Requests.BODY.getBytes(StandardCharsets.UTF_8);

    private final URL small;
    private final URL stream;

    UrlConnectionCaller(String baseUrl) throws IOException {
        small = URI.create(baseUrl + "/small").toURL();
        stream = URI.create(baseUrl + "/stream").toURL();
    }

    @Override
    public long small() throws IOException {
        HttpURLConnection connection = post(small);
        try (InputStream body = connection.getInputStream()) {
            return body.readAllBytes().length;
        }
    }

    @Override
    public long stream() throws IOException {
        HttpURLConnection connection = post(stream);
        try (BufferedReader events = new BufferedReader(
                new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
            return Requests.countEvents(events);
        }
    }

    private static HttpURLConnection post(URL url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = connection.getOutputStream()) {
            out.write(BODY);
        }
        return connection;
    }
}
