package dev.turnstile.it;

import dev.turnstile.it.apps.CallerMain;
import dev.turnstile.it.support.ChildJvm;
import dev.turnstile.it.support.MockLlmServer;
import dev.turnstile.it.support.RemoteJmx;
import org.junit.jupiter.api.Test;

import javax.management.Attribute;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Steering a running application from outside: over remote JMX (what JConsole does), and over
 * HTTP through Jolokia, the living successor of JSR 262's JMX web services.
 */
class JmxRemoteIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectName PROVIDER = name("dev.turnstile:type=Provider,name=test");
    private static final Duration AWAIT = Duration.ofSeconds(30);

    /** 8 callers, each a 3 s stream, limit 1: plenty of time to change the limit while they run. */
    private static ChildJvm eightSlowCallers(MockLlmServer server, List<String> jvmOptions) throws IOException {
        String agentArgs = "presets=false;providers.test.hosts=127.0.0.1:" + server.port() + ";providers.test.limit=1";
        return ChildJvm.start(Paths.get(System.getProperty("java.home")), agentArgs, jvmOptions, CallerMain.class,
                "jdk", "parallel", server.url("/v1/stream?events=60&delayMs=50"), server.url("/v1/chat"), "8");
    }

    @Test
    void aRemoteJmxClientRaisesAndLowersTheLimitWhileCallsRun() throws Exception {
        int jmxPort = RemoteJmx.freePort();
        try (MockLlmServer server = new MockLlmServer();
             ChildJvm child = eightSlowCallers(server, RemoteJmx.options(jmxPort))) {
            try (JMXConnector connector = RemoteJmx.connect(RemoteJmx.url(jmxPort), child)) {
                MBeanServerConnection jmx = connector.getMBeanServerConnection();
                child.awaitCondition(() -> isRegistered(jmx), "the Provider MBean to appear", AWAIT);
                child.awaitCondition(() -> server.inFlight() == 1, "the first call to start", AWAIT);

                jmx.setAttribute(PROVIDER, new Attribute("Limit", 4));
                child.awaitCondition(() -> server.inFlight() == 4, "4 calls in flight after Limit=4", AWAIT);
                assertThat(jmx.getAttribute(PROVIDER, "InFlight")).isEqualTo(4);

                jmx.setAttribute(PROVIDER, new Attribute("Limit", 1));
                assertThat(jmx.getAttribute(PROVIDER, "Limit")).isEqualTo(1);
            }
            child.awaitExit(TIMEOUT);

            assertThat(child.stdout()).as("no call was cut when the limit dropped\n" + child.transcript())
                    .contains("DONE failures=0");
            assertThat(server.maxInFlight()).isEqualTo(4);
            assertThat(server.exchanges()).hasSize(8).allMatch(e -> e.status == 200);
        }
    }

    @Test
    void jolokiaReadsAndWritesOverHttp() throws Exception {
        Path jolokia = Paths.get(System.getProperty("turnstile.it.jolokiaJar", "missing"));
        assertThat(jolokia).as("the Jolokia JVM agent, a test dependency").exists();
        int httpPort = RemoteJmx.freePort();
        try (MockLlmServer server = new MockLlmServer();
             ChildJvm child = eightSlowCallers(server, List.of(
                     "-javaagent:" + jolokia.toAbsolutePath() + "=host=127.0.0.1,port=" + httpPort))) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + httpPort + "/jolokia";
            String inFlight = base + "/read/dev.turnstile:type=Provider,name=test/InFlight";
            child.awaitCondition(() -> get(http, inFlight).contains("\"value\":1"), "Jolokia to read InFlight=1", AWAIT);

            String written = post(http, base + "/", "{\"type\":\"write\",\"mbean\":\"dev.turnstile:type=Provider,name=test\","
                    + "\"attribute\":\"Limit\",\"value\":3}");
            assertThat(written).contains("\"status\":200");
            child.awaitCondition(() -> server.inFlight() == 3, "3 calls in flight after a Jolokia write", AWAIT);
            assertThat(get(http, base + "/read/dev.turnstile:type=Provider,name=test/Limit")).contains("\"value\":3");

            String refused = post(http, base + "/", "{\"type\":\"write\",\"mbean\":\"dev.turnstile:type=Provider,name=test\","
                    + "\"attribute\":\"Limit\",\"value\":-1}");
            assertThat(refused).contains("IllegalArgumentException").doesNotContain("\"status\":200");
            assertThat(get(http, base + "/read/dev.turnstile:type=Provider,name=test/Limit")).contains("\"value\":3");
            child.awaitExit(TIMEOUT);
            assertThat(child.stdout()).as(child.transcript()).contains("DONE failures=0");
        }
    }

    private static boolean isRegistered(MBeanServerConnection jmx) {
        try {
            return jmx.isRegistered(PROVIDER);
        } catch (IOException e) {
            return false;
        }
    }

    private static String get(HttpClient http, String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }

    private static String post(HttpClient http, String url, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
