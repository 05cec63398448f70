package dev.turnstile.it;

import dev.turnstile.it.apps.AnthropicSdkApp;
import dev.turnstile.it.support.AnthropicMockServer;
import dev.turnstile.it.support.ChildJvm;
import dev.turnstile.it.support.Jdks;
import dev.turnstile.it.support.MockLlmServer.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end with the official Anthropic Java SDK (OkHttp underneath, a client rebuilt with
 * {@code newBuilder()} for every request, its own retries): blocking, streaming and async calls
 * through the agent against a mock that speaks the Messages API.
 */
class AnthropicSdkIT {

    static Stream<Path> jdks() {
        return Jdks.all().stream();
    }

    private static String gating(AnthropicMockServer server, int limit) {
        return "presets=false;providers.anthropic.hosts=127.0.0.1:" + server.port()
                + ";providers.anthropic.limit=" + limit + ";providers.anthropic.queue-timeout=20s;backoff.adaptive=false";
    }

    private static ChildJvm run(Path jdk, AnthropicMockServer server, int limit, int calls, int maxRetries)
            throws Exception {
        ChildJvm child = ChildJvm.start(jdk, gating(server, limit), List.of(), AnthropicSdkApp.class,
                server.baseUrl(), String.valueOf(calls), String.valueOf(maxRetries));
        child.awaitExit(Duration.ofSeconds(90));
        return child;
    }

    private static void assertSucceeded(ChildJvm child, int calls) {
        assertThat(child.stdout()).as(child.transcript()).contains("DONE failures=0");
        assertThat(child.stdout()).as(child.transcript())
                .filteredOn(line -> line.startsWith("CALL ") && line.contains(" OK text=Hello from the mock"))
                .hasSize(calls);
        assertThat(child.stderr()).as("no agent error\n" + child.transcript())
                .noneMatch(line -> line.contains("ERROR") || line.contains("internal error"));
        assertThat(String.join("\n", child.stderr()) + String.join("\n", child.stdout()))
                .doesNotContain("sk-ant-test-secret");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void sixSdkCallsWithLimitTwoNeverPutMoreThanTwoInFlight(Path jdk) throws Exception {
        try (AnthropicMockServer server = new AnthropicMockServer(60)) {
            ChildJvm child = run(jdk, server, 2, 6, 0);

            assertSucceeded(child, 6);
            assertThat(server.exchanges()).as(child.transcript()).hasSize(6);
            assertThat(server.exchanges()).extracting(e -> e.path).contains("/v1/messages (stream)", "/v1/messages");
            assertThat(server.maxInFlight()).as("6 SDK calls, limit 2: %s", server.exchanges()).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aRateLimitReachesTheSdkWhichRetriesWhileTheQueuePauses(Path jdk) throws Exception {
        try (AnthropicMockServer server = new AnthropicMockServer(60)) {
            server.rateLimitFirst(1, 1);
            ChildJvm child = run(jdk, server, 2, 6, 2);

            assertSucceeded(child, 6); // the SDK retried the 429 by itself, as a new call through the queue
            List<Exchange> exchanges = server.exchanges().stream()
                    .sorted(Comparator.comparingLong(e -> e.arrivedMillis)).collect(Collectors.toList());
            assertThat(exchanges).as(child.transcript()).hasSize(7).filteredOn(e -> e.status == 429).hasSize(1);
            assertThat(server.maxInFlight()).as("%s", exchanges).isLessThanOrEqualTo(2);
            Exchange limited = exchanges.stream().filter(e -> e.status == 429).findFirst().orElseThrow();
            // Only the call granted together with the 429'd one may start during the pause.
            List<Exchange> duringPause = exchanges.stream()
                    .filter(e -> e.arrivedMillis > limited.finishedMillis
                            && e.arrivedMillis < limited.finishedMillis + 800)
                    .collect(Collectors.toList());
            assertThat(duringPause).as("retry-after: 1 pauses the queue: %s", exchanges).hasSizeLessThanOrEqualTo(1);
        }
    }
}
