package dev.turnstile.bench.e2e.app;

import java.io.IOException;

/** One HTTP client making the benchmark's two calls; each reads its answer to the end. */
interface Caller {

    /** {@code POST /small}; returns the number of body bytes read. */
    long small() throws IOException, InterruptedException;

    /** {@code POST /stream}; returns the number of event lines read. */
    long stream() throws IOException, InterruptedException;

    static Caller named(String client, String baseUrl) throws IOException {
        switch (client) {
            case "jdk":
                return new JdkCaller(baseUrl);
            case "urlconnection":
                return new UrlConnectionCaller(baseUrl);
            case "okhttp":
                return new OkHttpCaller(baseUrl);
            case "apache5":
                return new Apache5Caller(baseUrl);
            case "apache4":
                return new Apache4Caller(baseUrl);
            case "jetty":
                return new JettyCaller(baseUrl);
            case "reactor-netty":
                return new ReactorNettyCaller(baseUrl);
            case "vertx":
                return new VertxCaller(baseUrl);
            default:
                throw new IllegalArgumentException("client must be one of jdk, urlconnection, okhttp, apache5, "
                        + "apache4, jetty, reactor-netty, vertx, not " + client);
        }
    }
}
