package dev.turnstile.it;

import dev.turnstile.it.apps.UrlConnectionScenarios;
import dev.turnstile.it.support.MockLlmServer;
import dev.turnstile.it.support.ScenarioRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java.net.HttpURLConnection}: the shared scenarios, and the ways this API lets a body go
 * unread: an error body read through {@code getErrorStream} or never read (the call ends when
 * {@code getInputStream} throws), {@code disconnect()} without
 * reading, a response without a body (204) whose stream is never asked for. In each, a leaked slot (limit 1)
 * makes the next call fail with the queue timeout. The client's JVM runs them from {@link UrlConnectionScenarios}.
 */
class UrlConnectionIT extends AbstractClientIT {

    @Override
    protected String client() {
        return "urlconnection";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void anErrorBodyReadThroughGetErrorStreamReleasesTheSlot(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            ScenarioRun child = run(jdk, gating(server, 1), "error-stream-then-call",
                    server.url("/v1/ratelimit?first=1&retryAfter=1"), server.url("/v1/chat"));

            assertSucceeded(child);
            assertThat(child.stdout()).contains("FIRST status=429", "THEN status=200");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void anErrorWhoseBodyIsNeverReadReleasesTheSlotWhenGetInputStreamThrows(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            ScenarioRun child = run(jdk, gating(server, 1), "error-unread-then-call",
                    server.url("/v1/error?status=500"), server.url("/v1/chat"));

            assertSucceeded(child);
            assertThat(child.stdout()).contains("FIRST status=500 thrown=IOException", "THEN status=200");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void disconnectWithoutReadingReleasesTheSlot(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            ScenarioRun child = run(jdk, gating(server, 1), "disconnect-then-call",
                    server.url(LONG_STREAM), server.url("/v1/chat"));

            assertSucceeded(child);
            assertThat(child.stdout()).contains("FIRST status=200", "THEN status=200");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aResponseWithoutBodyReleasesAtOnce(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            ScenarioRun child = run(jdk, gating(server, 1), "status-only-then-call",
                    server.url("/v1/empty"), server.url("/v1/chat"));

            assertSucceeded(child);
            assertThat(child.stdout()).contains("FIRST status=204", "THEN status=200");
        }
    }
}
