package dev.turnstile.it;

import dev.turnstile.it.apps.CallerLoop;
import dev.turnstile.it.support.CopiedJars;
import dev.turnstile.it.support.Counters;
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
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end: a Spring AI 1.1 application streams chat completions with {@code ChatClient.stream()}
 * on its OpenAI model, whose streaming goes through {@code WebClient} over Reactor Netty, with the
 * packaged agent and nothing of Turnstile in its code. Spring AI 1.1 runs on Spring Framework 6.2:
 * Maven copies those jars aside before the integration tests, and the child loads them instead of
 * the test class path's Spring 7.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringAiIT {

    private static final Path JARS = Paths.get("target/spring-ai-1.1").toAbsolutePath();

    private final ScenarioJvms jvms = new ScenarioJvms(CallerLoop.class,
            entries -> CopiedJars.instead(entries, path -> path.contains("/org/springframework/"), JARS));

    static Stream<Path> jdks() {
        return Jdks.all().stream();
    }

    private ScenarioRun run(Path jdk, Gating gating, String scenario, String... args) throws Exception {
        return jvms.run(jdk, "spring-ai", gating, AbstractClientIT.SCENARIO_TIMEOUT, scenario, args);
    }

    @AfterAll
    void stopTheJvms() throws Exception {
        AbstractClientIT.stopAndCheck(jvms.all());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void chatClientStreamsTakeOneSlotEachHeldToTheirLastChunkAndArriveUnchanged(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            // A first stream loads Spring AI (seconds on a busy machine) before 8 streams race for 3 slots.
            AbstractClientIT.assertSucceeded(run(jdk, Gating.of(server, 3), "sequential",
                    server.url("/openai"), server.url("/openai"), "1"));
            int warmUp = server.exchanges().size();

            ScenarioRun child = run(jdk, Gating.of(server, 3).queueTimeout(Duration.ofSeconds(30)), "parallel",
                    server.url("/openai"), server.url("/openai"), "8");

            AbstractClientIT.assertSucceeded(child);
            assertThat(child.transcript()).as("Spring AI 1.1 on Spring 6.2")
                    .contains("/spring-ai-openai-1.1.2.jar", "/spring-webflux-6.2.14.jar")
                    .doesNotContain("/spring-webflux-7.");
            assertThat(child.stdout()).as(child.transcript())
                    .filteredOn(line -> line.equals("STREAMED " + MockLlmServer.OPENAI_STREAM_CHUNKS + " chunks: "
                            + MockLlmServer.OPENAI_STREAM_TEXT))
                    .hasSize(8);
            assertThat(server.exchanges()).hasSize(warmUp + 8)
                    .allSatisfy(exchange -> assertThat(exchange.path).isEqualTo(MockLlmServer.OPENAI_STREAM));
            assertThat(server.maxInFlight()).as("8 streams, limit 3\n" + child.transcript()).isEqualTo(3);
            Counters counters = Counters.of(child).assertSettled(child.transcript());
            assertThat(counters.get("Started")).as("one slot per ChatClient stream").isEqualTo(8);
            // Spring AI cancels each stream at its [DONE] event (takeUntil), just before the
            // response's last content: the slot goes back at that cancel, a completion (the
            // application stopped reading), as an early close is on every client.
            assertThat(counters.get("Completed")).as("every stream completed\n" + child.transcript()).isEqualTo(8);
            assertThat(counters.get("Failed")).as(child.transcript()).isZero();
            assertThat(counters.get("Reclaimed")).as("no slot left to the watchdog").isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aStreamTheApplicationStopsEarlyGivesItsSlotBack(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            ScenarioRun child = run(jdk, Gating.of(server, 1), "close-early-then-call",
                    server.url("/openai"), server.url("/openai"));

            AbstractClientIT.assertSucceeded(child);
            assertThat(child.stdout()).as(child.transcript())
                    .contains("FIRST CHUNK word0 ", "EARLY status=200", "THEN status=200");
        }
    }
}
