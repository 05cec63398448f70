package dev.turnstile.it;

import dev.turnstile.it.support.Counters;
import dev.turnstile.it.support.MockLlmServer;
import dev.turnstile.it.support.ScenarioRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Reactor Netty scenarios on the oldest release supported, 1.1.26, on Netty 4.1 (and Reactor
 * Core 3.5): Maven copies its jars aside before the integration tests; the child loads them
 * instead of the test class path's Reactor Netty 1.3 on Netty 4.2.
 */
class ReactorNetty11IT extends ReactorNettyIT {

    private static final Path JARS = Paths.get("target/reactor-netty-1.1").toAbsolutePath();

    @Override
    protected List<String> classPath(List<String> entries) {
        List<String> classPath = new ArrayList<>();
        for (String entry : entries) {
            String path = entry.replace('\\', '/');
            if (!path.contains("/io/projectreactor/") && !path.contains("/io/netty/")) {
                classPath.add(entry);
            }
        }
        File[] jars = JARS.toFile().listFiles((dir, name) -> name.endsWith(".jar"));
        if (jars == null || jars.length == 0) {
            throw new IllegalStateException("no Reactor Netty 1.1 jars in " + JARS + ": run the build's pre-integration-test phase");
        }
        Arrays.sort(jars);
        for (File jar : jars) {
            classPath.add(1, jar.getPath());
        }
        return classPath;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buildJdk")
    void theChildRunsReactorNetty11OnNetty41AndItsCallsAreGated(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            ScenarioRun child = run(jdk, gating(server, 1), "sequential", server.url("/v1/chat"), server.url("/v1/chat"), "1");

            assertSucceeded(child);
            assertThat(child.transcript()).contains("/reactor-netty-http-1.1.26.jar", "/netty-codec-http-4.1.116.Final.jar")
                    .doesNotContain("/reactor-netty-http-1.3.", "/netty-codec-http-4.2.");
            assertThat(Counters.of(child).get("Started")).as(child.transcript()).isEqualTo(1);
        }
    }
}
