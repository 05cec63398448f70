package dev.turnstile.bench.e2e.app;

import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

import java.io.IOException;

/** OkHttp with its default connection pool (the connection is kept alive). */
final class OkHttpCaller implements Caller {

    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient client = new OkHttpClient.Builder().build();
    private final Request small;
    private final Request stream;

    OkHttpCaller(String baseUrl) {
        small = post(baseUrl + "/small");
        stream = post(baseUrl + "/stream");
    }

    private static Request post(String url) {
        return new Request.Builder().url(url).post(RequestBody.create(Requests.BODY, JSON)).build();
    }

    @Override
    public long small() throws IOException {
        try (Response response = client.newCall(small).execute()) {
            return response.body().bytes().length;
        }
    }

    @Override
    public long stream() throws IOException {
        try (Response response = client.newCall(stream).execute()) {
            BufferedSource source = response.body().source();
            long events = 0;
            for (String line = source.readUtf8Line(); line != null; line = source.readUtf8Line()) {
                if (line.startsWith("data:")) {
                    events++;
                }
            }
            return events;
        }
    }
}
