package dev.turnstile.it;

import dev.turnstile.config.Garbage;
import dev.turnstile.it.apps.CallerMain;
import dev.turnstile.it.support.ChildJvm;
import dev.turnstile.it.support.Jdks;
import dev.turnstile.it.support.MockLlmServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application started with garbage in every configuration key (top-level keys as system properties,
 * a preset provider's keys as agent arguments) runs normally: its calls work and are still gated by the
 * one good provider, and each bad key is one line on standard error, with no stack trace.
 */
class GarbageConfigIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String NO_FILE = "/nonexistent/turnstile-garbage.properties";

    static Stream<Path> jdks() {
        return Jdks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void garbageInEveryKeyIsReportedOnceEachAndTheApplicationsCallsWork(Path jdk) throws Exception {
        Map<String, String> garbage = Garbage.firstOfEachKey("openai");
        garbage.put("turnstile.config", NO_FILE); // a NUL cannot travel on a command line: a missing file instead
        List<String> systemProperties = new ArrayList<>();
        List<String> agentArgs = new ArrayList<>();
        garbage.forEach((key, value) -> {
            if (key.startsWith("turnstile.providers.")) {
                agentArgs.add(key.substring("turnstile.".length()) + "=" + value);
            } else {
                systemProperties.add("-D" + key + "=" + value);
            }
        });
        try (MockLlmServer server = new MockLlmServer()) {
            agentArgs.add("providers.test.hosts=127.0.0.1:" + server.port());
            agentArgs.add("providers.test.limit=2");
            try (ChildJvm child = ChildJvm.start(jdk, String.join(";", agentArgs), systemProperties, CallerMain.class,
                    "jdk", "parallel", server.url("/v1/stream?events=3&delayMs=50"), server.url("/v1/chat"), "6")) {
                child.awaitExit(TIMEOUT);

                assertThat(child.stdout()).as(child.transcript()).contains("DONE failures=0")
                        .anyMatch(line -> line.startsWith("COUNTERS InFlight=0 Queued=0 Started="));
                assertThat(server.maxInFlight()).as("the good provider still gates").isEqualTo(2);
                List<String> problems = child.stderr().stream().filter(line -> line.contains(" - configuration: "))
                        .map(line -> line.substring(line.indexOf(" - configuration: ") + " - configuration: ".length()))
                        .collect(Collectors.toList());
                assertThat(problems).as(child.transcript()).hasSize(garbage.size());
                for (String key : garbage.keySet()) {
                    assertThat(problems).as(key + "\n" + child.transcript())
                            .filteredOn(problem -> problem.startsWith(key + ": ")).hasSize(1);
                }
                assertThat(child.stderr()).as("no stack trace").noneMatch(line -> line.startsWith("\tat ")
                        || line.contains("Exception"));
                assertThat(child.stderr()).as("still started")
                        .anyMatch(line -> line.contains("started with " + garbage.size()
                                + " configuration problems (see the warnings above): limits test=2"));
            }
        }
    }
}
