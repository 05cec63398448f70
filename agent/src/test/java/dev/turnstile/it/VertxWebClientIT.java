package dev.turnstile.it;

import dev.turnstile.it.apps.CallerLoop;
import dev.turnstile.it.support.Gating;
import dev.turnstile.it.support.Jdks;
import dev.turnstile.it.support.MockLlmServer;
import dev.turnstile.it.support.ScenarioJvms;
import dev.turnstile.it.support.ScenarioRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Vert.x {@code WebClient}, layered on the {@code HttpClient} that {@link VertxIT} runs
 * through the whole fault matrix: a WebClient call is one call with one slot, and its attempts'
 * statuses reach the gate. (It has no cancel, so the cancel scenarios are {@link VertxIT}'s.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VertxWebClientIT {

    private final ScenarioJvms jvms = new ScenarioJvms(CallerLoop.class, this::classPath);

    /** The child JVMs' class path: the test class path, or another Vert.x in its place. */
    protected List<String> classPath(List<String> entries) {
        return entries;
    }

    static Stream<Path> jdks() {
        return Jdks.all().stream();
    }

    private ScenarioRun run(Path jdk, Gating gating, String scenario, String... args) throws Exception {
        return jvms.run(jdk, "vertx-web", gating, AbstractClientIT.SCENARIO_TIMEOUT, scenario, args);
    }

    @AfterAll
    void stopTheClientsJvmsWithNoAgentError() throws Exception {
        AbstractClientIT.stopAndCheck(jvms.all());
    }

    /** With a limit of 1, a call that took a second slot for its HttpClient request would never get it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aWebClientCallTakesOneSlotAndHoldsItToTheEndOfItsStream(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            ScenarioRun child = run(jdk, Gating.of(server, 1), "parallel",
                    server.url("/v1/stream?events=5&delayMs=60"), server.url("/v1/chat"), "3");

            AbstractClientIT.assertSucceeded(child);
            AbstractClientIT.assertEachCallBeganAfterTheOneBeforeEnded(server, 3);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aRateLimitHoldsTheQueueBackForRetryAfter(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            ScenarioRun child = run(jdk, Gating.of(server, 2), "parallel",
                    server.url("/v1/ratelimit?first=1&retryAfter=1"), server.url("/v1/chat"), "4");

            assertThat(child.stdout()).as(child.transcript()).contains("DONE failures=0");
            new VertxIT().assertRateLimitHeldTheQueue(server, child, 2);
        }
    }
}
