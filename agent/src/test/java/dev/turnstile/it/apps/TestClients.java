package dev.turnstile.it.apps;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** The clients the integration tests drive, by name. Each lives in its own class in this package. */
public final class TestClients {

    private static final Map<String, String> CLASSES = new TreeMap<>(Map.of(
            "jdk", "JdkHttpTestClient",
            "urlconnection", "UrlConnectionTestClient",
            "okhttp", "OkHttpTestClient",
            "apache5", "Apache5TestClient",
            "apache5-async", "Apache5AsyncTestClient",
            "apache4", "Apache4TestClient",
            "vertx", "VertxTestClient",
            "vertx-web", "VertxWebTestClient"));

    private TestClients() {
    }

    public static TestClient create(String name, Duration readTimeout) throws Exception {
        String simpleName = CLASSES.get(name);
        if (simpleName == null) {
            throw new IllegalArgumentException("unknown client '" + name + "'; known: " + CLASSES.keySet());
        }
        Class<?> type = Class.forName(TestClients.class.getPackage().getName() + "." + simpleName);
        return ((TestClient.Factory) type.getDeclaredConstructor().newInstance()).create(readTimeout);
    }
}
