package dev.turnstile.bench.e2e.app;

import java.io.IOException;

/** One HTTP client making the benchmark's two calls; each reads its answer to the end. */
interface Caller {

    /** {@code POST /small}; returns the number of body bytes read. */
    long small() throws IOException, InterruptedException;

    /** {@code POST /stream}; returns the number of event lines read. */
    long stream() throws IOException, InterruptedException;

    static Caller named(String client, String baseUrl) {
        switch (client) {
            case "jdk":
                return new JdkCaller(baseUrl);
            case "okhttp":
                return new OkHttpCaller(baseUrl);
            default:
                throw new IllegalArgumentException("client must be jdk or okhttp, not " + client);
        }
    }
}
