package dev.turnstile.bench.e2e.app;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Jetty 12 {@code HttpClient}: {@code send()} for the small answer, an input stream for the event stream. */
final class JettyCaller implements Caller {

    private final HttpClient client = new HttpClient();
    private final String small;
    private final String stream;

    JettyCaller(String baseUrl) throws IOException {
        try {
            client.start();
        } catch (Exception e) {
            throw new IOException("Jetty HttpClient did not start", e);
        }
        small = baseUrl + "/small";
        stream = baseUrl + "/stream";
    }

    @Override
    public long small() throws IOException, InterruptedException {
        try {
            return post(small).send().getContent().length;
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException(e);
        }
    }

    @Override
    public long stream() throws IOException, InterruptedException {
        InputStreamResponseListener listener = new InputStreamResponseListener();
        post(stream).send(listener);
        try {
            listener.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException(e);
        }
        try (BufferedReader events = new BufferedReader(
                new InputStreamReader(listener.getInputStream(), StandardCharsets.UTF_8))) {
            return Requests.countEvents(events);
        }
    }

    private Request post(String url) {
        return client.POST(url).body(new StringRequestContent("application/json", Requests.BODY));
    }
}
