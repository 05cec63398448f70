package dev.turnstile.it;

import dev.turnstile.it.apps.UrlConnectionScenarios;
import dev.turnstile.it.support.ChildJvm;
import dev.turnstile.it.support.MockLlmServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java.net.HttpURLConnection}: the shared scenarios, and the ways this API lets a body go
 * unread: an error body read through {@code getErrorStream}, {@code disconnect()} without
 * reading, a response without a body (204) whose stream is never asked for. In each, a leaked slot (limit 1)
 * makes the next call fail with the queue timeout.
 */
class UrlConnectionIT extends AbstractClientIT {

    @Override
    protected String client() {
        return "urlconnection";
    }

    /**
     * As in the parent, except that one call may reach the server just after the 429: with a
     * limit of 2 it took its slot (at connect) before the 429 came back, and calls in flight go
     * on. {@code HttpURLConnection} connects before it sends, so on a cold JVM this happens.
     */
    @Override
    protected void assertRateLimitHeldTheQueue(MockLlmServer server, ChildJvm child) {
        List<MockLlmServer.Exchange> exchanges = byArrival(server);
        MockLlmServer.Exchange limited = exchanges.stream().filter(e -> e.status == 429).findFirst()
                .orElseThrow(() -> new AssertionError("no 429 sent: " + exchanges));
        List<Long> gaps = exchanges.stream().filter(e -> e.arrivedMillis > limited.finishedMillis)
                .map(e -> e.arrivedMillis - limited.finishedMillis).collect(Collectors.toList());
        assertThat(gaps).as("calls queued behind the 429: %s\n%s", exchanges, child.transcript()).isNotEmpty();
        assertThat(gaps.stream().filter(gap -> gap < 800))
                .as("at most the one call admitted before the 429 arrives within the pause (%s)", exchanges)
                .hasSizeLessThanOrEqualTo(1);
        assertThat(gaps.get(gaps.size() - 1)).as("pause after Retry-After: 1 (%s)", exchanges)
                .isGreaterThanOrEqualTo(800);
        assertThat(child.stdout()).as("the 429 reaches the application unchanged\n" + child.transcript())
                .filteredOn(line -> line.startsWith("CALL ") && line.endsWith("status=429")).hasSize(1);
    }

    private ChildJvm runScenario(Path jdk, String agentArgs, String scenario, String url, String second)
            throws Exception {
        ChildJvm child = ChildJvm.start(jdk, agentArgs, List.of(), UrlConnectionScenarios.class,
                scenario, url, second);
        child.awaitExit(CHILD_TIMEOUT);
        return child;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void anErrorBodyReadThroughGetErrorStreamReleasesTheSlot(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            ChildJvm child = runScenario(jdk, gating(server, 1), "error-stream-then-call",
                    server.url("/v1/ratelimit?first=1&retryAfter=1"), server.url("/v1/chat"));

            assertSucceeded(child);
            assertThat(child.stdout()).contains("FIRST status=429", "THEN status=200");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void disconnectWithoutReadingReleasesTheSlot(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            ChildJvm child = runScenario(jdk, gating(server, 1), "disconnect-then-call",
                    server.url("/v1/stream?events=40&delayMs=50"), server.url("/v1/chat"));

            assertSucceeded(child);
            assertThat(child.stdout()).contains("FIRST status=200", "THEN status=200");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aResponseWithoutBodyReleasesAtOnce(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            ChildJvm child = runScenario(jdk, gating(server, 1), "status-only-then-call",
                    server.url("/v1/empty"), server.url("/v1/chat"));

            assertSucceeded(child);
            assertThat(child.stdout()).contains("FIRST status=204", "THEN status=200");
        }
    }
}
