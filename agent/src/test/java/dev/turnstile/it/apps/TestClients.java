package dev.turnstile.it.apps;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** The clients the integration tests drive, by name. Each lives in its own class in this package. */
public final class TestClients {

    private static final Map<String, String> CLASSES = new TreeMap<>(Map.ofEntries(
            Map.entry("jdk", "JdkHttpTestClient"),
            Map.entry("urlconnection", "UrlConnectionTestClient"),
            Map.entry("okhttp", "OkHttpTestClient"),
            Map.entry("apache5", "Apache5TestClient"),
            Map.entry("apache5-async", "Apache5AsyncTestClient"),
            Map.entry("apache4", "Apache4TestClient"),
            Map.entry("reactor-netty", "ReactorNettyTestClient"),
            Map.entry("reactor-netty-h2c", "ReactorNettyH2cTestClient"),
            Map.entry("reactor-netty-h2", "ReactorNettyH2TestClient"),
            Map.entry("spring-webclient", "SpringWebClientTestClient"),
            Map.entry("spring-ai", "SpringAiTestClient"),
            Map.entry("jetty", "JettyTestClient"),
            Map.entry("vertx", "VertxTestClient"),
            Map.entry("vertx-h2c", "VertxH2cTestClient"),
            Map.entry("vertx-h2", "VertxH2TestClient"),
            Map.entry("vertx-web", "VertxWebTestClient")));

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
