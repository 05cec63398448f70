package dev.turnstile.it;

import dev.turnstile.it.support.MockLlmServer;
import dev.turnstile.it.support.ScenarioRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** OkHttp, {@code execute} and {@code enqueue}. */
class OkHttpIT extends AbstractAsyncClientIT {

    @Override
    protected String client() {
        return "okhttp";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aRetryDelayInA429BodyHoldsTheQueue(Path jdk) throws Exception {
        assertA429BodyHintHoldsTheQueue(jdk);
    }

    /** {@code entries} without the jars whose file names start with one of {@code prefixes}. */
    protected static List<String> without(List<String> entries, String... prefixes) {
        List<String> kept = new ArrayList<>();
        for (String entry : entries) {
            String name = java.nio.file.Paths.get(entry).getFileName().toString();
            if (Stream.of(prefixes).noneMatch(name::startsWith)) {
                kept.add(entry);
            }
        }
        return kept;
    }

    /** The OkHttp jar the child must load. */
    protected String okHttpJar() {
        return "okhttp-jvm-5.";
    }

    /**
     * 100 {@code newBuilder()} rebuilds and a reused builder carry only the application's
     * interceptors (the agent adds none); a client layered on another takes one slot per call, not
     * two (with a limit of 1, a second slot would never come).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void rebuiltClientsCarryNoInterceptorOfOursAndLayeredClientsTakeOneSlot(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            ScenarioRun child = run(jdk, gating(server, 1), "okhttp-layering", server.url("/v1/stream?events=3&delayMs=50"));

            assertSucceeded(child);
            assertThat(child.stdout()).as(child.transcript())
                    .anyMatch(line -> line.startsWith("OKHTTP ") && line.contains(okHttpJar()))
                    .contains("INTERCEPTORS base=1/0 rebuilt=1/0 reused=0/0", "LAYERED 0 status=200", "LAYERED 1 status=200");
            assertThat(server.exchanges()).hasSize(2);
            assertThat(server.maxInFlight()).as("limit 1").isEqualTo(1);
        }
    }
}
