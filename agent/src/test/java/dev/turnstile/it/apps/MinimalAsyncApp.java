package dev.turnstile.it.apps;

import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.async.MinimalHttpAsyncClient;
import org.apache.hc.core5.http.ContentType;

import java.util.concurrent.TimeUnit;

/**
 * An application on Apache's {@code MinimalHttpAsyncClient}, which Turnstile cannot gate: three
 * POSTs to each URL given, one after another; prints {@code CALL <url> status=N} per call and
 * {@code DONE failures=N}.
 */
public final class MinimalAsyncApp {

    private MinimalAsyncApp() {
    }

    public static void main(String[] urls) throws Exception {
        int failures = 0;
        try (MinimalHttpAsyncClient client = HttpAsyncClients.createMinimal()) {
            client.start();
            for (String url : urls) {
                for (int i = 0; i < 3; i++) {
                    SimpleHttpRequest request = SimpleRequestBuilder.post(url)
                            .setBody("{\"model\":\"m\"}", ContentType.APPLICATION_JSON).build();
                    try {
                        SimpleHttpResponse response = client.execute(request, null).get(30, TimeUnit.SECONDS);
                        System.out.println("CALL " + url + " status=" + response.getCode());
                    } catch (Exception e) {
                        failures++;
                        System.out.println("CALL " + url + " ERROR " + CallerMain.describe(e));
                    }
                }
            }
        }
        System.out.println("DONE failures=" + failures);
    }
}
