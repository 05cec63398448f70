package dev.turnstile.it;

import dev.turnstile.it.apps.SecretHeadersApp;
import dev.turnstile.it.support.ChildJvm;
import dev.turnstile.it.support.MockLlmServer;
import dev.turnstile.it.support.RemoteJmx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.management.Attribute;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import java.io.OutputStream;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Calls that carry {@code Authorization: Bearer sk-…} and {@code x-api-key: …} through the JDK HttpClient
 * and OkHttp — good answers, 429s and refused connections — with the agent logging at {@code trace},
 * configured to name agents and turns by those very headers. No secret may appear in any line the
 * application's JVM prints, in any attribute of any Turnstile MBean (walked over remote JMX, composite and
 * array values included), or in any notification received meanwhile. The same child answers a bad write
 * over remote JMX with a readable message.
 */
class SecretsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String BEARER = "sk-proj-" + UUID.randomUUID().toString().replace("-", "");
    private static final String API_KEY = "xk-" + UUID.randomUUID().toString().replace("-", "");

    private static MockLlmServer server;
    private static ChildJvm child;
    private static JMXConnector connector;
    private static MBeanServerConnection jmx;
    private static final List<Notification> NOTIFICATIONS = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void runCallsWithSecrets() throws Exception {
        server = new MockLlmServer();
        int jmxPort = RemoteJmx.freePort();
        int refusedPort = RemoteJmx.freePort(); // closed again: nothing listens there
        String agentArgs = "presets=true;log.level=trace;priority.agent=header:x-api-key;priority.turn-header=Authorization"
                + ";providers.test.hosts=127.0.0.1:" + server.port() + ";providers.test.limit=1"
                + ";providers.refused.hosts=127.0.0.1:" + refusedPort + ";providers.refused.limit=1";
        child = ChildJvm.start(Paths.get(System.getProperty("java.home")), agentArgs, RemoteJmx.options(jmxPort),
                SecretHeadersApp.class, BEARER, API_KEY, server.url("/v1/chat/completions?delayMs=20"),
                server.url("/v1/ratelimit?first=100&retryAfter=1"), "http://127.0.0.1:" + refusedPort + "/v1/messages");
        child.awaitOutput("READY", TIMEOUT);
        connector = RemoteJmx.connect(RemoteJmx.url(jmxPort), child);
        jmx = connector.getMBeanServerConnection();
        await(() -> turnstileNames().size() > 2, "the Turnstile MBeans");
        for (ObjectName name : turnstileNames()) {
            jmx.addNotificationListener(name, (notification, handback) -> NOTIFICATIONS.add(notification), null, null);
        }
        OutputStream stdin = child.stdin();
        stdin.write("go\n".getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        child.awaitOutput("CALLS DONE", TIMEOUT);
        await(() -> NOTIFICATIONS.stream().anyMatch(n -> n.getType().equals("dev.turnstile.paused")), "a pause notification");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            child.stdin().write("quit\n".getBytes(StandardCharsets.UTF_8));
            child.stdin().flush();
            connector.close();
        } finally {
            child.close();
            server.close();
        }
    }

    @Test
    void theCallsRanThroughEveryPathWithTheAgentAtItsMostVerbose() {
        assertThat(child.stdout()).as(child.transcript()).contains(
                "CALL jdk-send /v1/chat/completions status=200", "CALL jdk-async /v1/chat/completions status=200",
                "CALL okhttp-execute /v1/chat/completions status=200", "CALL okhttp-enqueue /v1/chat/completions status=200",
                "CALL jdk-send /v1/ratelimit status=429", "CALL okhttp-enqueue /v1/ratelimit status=429",
                "CALL okhttp-execute /v1/messages failed=ConnectException");
        assertThat(child.stdout()).as("the JDK client's refused connection")
                .anyMatch(line -> line.startsWith("CALL jdk-send /v1/messages failed="));
        assertThat(child.stderr()).as("trace logging is on").anyMatch(line -> line.contains("DEBUG turnstile."));
    }

    @Test
    void noSecretInAnyLineTheApplicationsJvmPrinted() {
        for (String line : child.stdout()) {
            assertNoSecret("stdout: " + line);
        }
        for (String line : child.stderr()) {
            assertNoSecret("stderr: " + line);
        }
    }

    @Test
    void noSecretInAnyAttributeOfAnyTurnstileMBean() throws Exception {
        List<String> values = new ArrayList<>();
        for (ObjectName name : turnstileNames()) {
            for (MBeanAttributeInfo attribute : jmx.getMBeanInfo(name).getAttributes()) {
                values.add(name + " " + attribute.getName() + " = " + deepText(jmx.getAttribute(name, attribute.getName())));
            }
        }
        assertThat(values).as("every attribute was read").anyMatch(value -> value.contains("RateLimited = ")
                && !value.endsWith("RateLimited = 0"));
        values.forEach(SecretsIT::assertNoSecret);
    }

    @Test
    void noSecretInAnyNotification() {
        List<Notification> received;
        synchronized (NOTIFICATIONS) {
            received = new ArrayList<>(NOTIFICATIONS);
        }
        assertThat(received).extracting(Notification::getType).contains("dev.turnstile.paused");
        for (Notification notification : received) {
            assertNoSecret(notification.getType() + " " + notification.getSource() + " " + notification.getMessage()
                    + " " + deepText(notification.getUserData()));
        }
    }

    @Test
    void aBadWriteOverRemoteJmxArrivesAsAReadableMessageAndChangesNothing() throws Exception {
        ObjectName test = new ObjectName("dev.turnstile:type=Provider,name=test");

        Throwable thrown = catchThrowable(() -> jmx.setAttribute(test, new Attribute("Limit", -1)));
        Throwable badHosts = catchThrowable(() -> jmx.setAttribute(test, new Attribute("Hosts", "https://x.example.com/v1")));

        assertThat(thrown).isInstanceOf(RuntimeMBeanException.class);
        assertThat(thrown.getCause()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-1 is not a valid limit; expected a whole number ≥ 0 (0 = unlimited)");
        assertThat(badHosts.getCause()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"https://x.example.com/v1\" is not a valid host pattern");
        assertThat(jmx.getAttribute(test, "Limit")).isEqualTo(1);
        assertThat(jmx.getAttribute(test, "Hosts")).isEqualTo("127.0.0.1:" + server.port());
    }

    private static void assertNoSecret(String text) {
        assertThat(text).doesNotContain(BEARER).doesNotContain(API_KEY)
                .doesNotContain(BEARER.substring(8, 20)).doesNotContain(API_KEY.substring(3, 15));
    }

    /** A value as text, looking inside arrays, composite and tabular data. */
    private static String deepText(Object value) {
        if (value == null) {
            return "null";
        }
        if (value.getClass().isArray()) {
            StringBuilder text = new StringBuilder("[");
            for (int i = 0; i < Array.getLength(value); i++) {
                text.append(deepText(Array.get(value, i))).append(", ");
            }
            return text.append(']').toString();
        }
        if (value instanceof CompositeData) {
            CompositeData composite = (CompositeData) value;
            StringBuilder text = new StringBuilder("{");
            for (String key : composite.getCompositeType().keySet()) {
                text.append(key).append('=').append(deepText(composite.get(key))).append(", ");
            }
            return text.append('}').toString();
        }
        if (value instanceof TabularData) {
            return deepText(((TabularData) value).values().toArray());
        }
        if (value instanceof Map) {
            StringBuilder text = new StringBuilder("{");
            ((Map<?, ?>) value).forEach((key, item) -> text.append(deepText(key)).append('=').append(deepText(item)).append(", "));
            return text.append('}').toString();
        }
        return String.valueOf(value);
    }

    private static List<ObjectName> turnstileNames() {
        try {
            return new ArrayList<>(jmx.queryNames(new ObjectName("dev.turnstile:*"), null));
        } catch (Exception e) {
            return List.of();
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "\n" + child.transcript());
            }
            Thread.sleep(20);
        }
    }
}
