package dev.turnstile.it;

import dev.turnstile.it.support.MockLlmServer;
import dev.turnstile.it.support.ScenarioRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The scenarios of clients with an asynchronous API, on top of {@link AbstractClientIT}'s. */
public abstract class AbstractAsyncClientIT extends AbstractClientIT {

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void asyncCallsNeverExceedTheLimitAndNeverBlockTheCaller(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            ScenarioRun child = run(jdk, gating(server, 2), "parallel-async",
                    server.url("/v1/stream?events=4&delayMs=50"), server.url("/v1/chat"), "8");

            assertSucceeded(child);
            assertThat(child.stdout()).contains("SUBMITTED 8");
            assertThat(server.exchanges()).hasSize(8);
            assertThat(server.maxInFlight()).as(child.transcript()).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void cancellingACallInFlightReleasesTheSlot(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            ScenarioRun child = run(jdk, gating(server, 1), "cancel-in-flight-then-call",
                    server.url(LONG_STREAM), server.url("/v1/chat"));

            assertSucceeded(child);
            assertThat(child.stdout()).contains("CANCELLED true", "THEN status=200");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void cancellingAQueuedCallTakesItOutOfTheQueue(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            ScenarioRun child = run(jdk, gating(server, 1), "cancel-queued-then-call",
                    server.url("/v1/stream?events=10&delayMs=60"), server.url("/v1/chat"));

            assertSucceeded(child);
            assertThat(child.stdout()).contains("CANCELLED true", "FIRST status=200", "THEN status=200");
            assertThat(server.exchanges()).as("the cancelled call never reached the server")
                    .extracting(e -> e.path).containsExactly("/v1/stream", "/v1/chat");
        }
    }
}
