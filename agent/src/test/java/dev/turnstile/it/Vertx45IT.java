package dev.turnstile.it;

import dev.turnstile.it.support.CopiedJars;
import dev.turnstile.it.support.Counters;
import dev.turnstile.it.support.MockLlmServer;
import dev.turnstile.it.support.ScenarioRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Vert.x scenarios on Vert.x 4.5.22 on Netty 4.1, which the vertx4-httpclient family gates
 * (4.5's request write takes a completion handler): Maven copies the jars aside before the
 * integration tests; the child loads them instead of the test class path's Vert.x 5 on Netty 4.2.
 */
class Vertx45IT extends VertxIT {

    static final Path JARS = Paths.get("target/vertx-4.5").toAbsolutePath();

    /** The test class path with Vert.x 4.5 and Netty 4.1 instead of Vert.x 5 and Netty 4.2. */
    static List<String> onVertx45(List<String> entries) {
        return CopiedJars.instead(entries, path -> path.contains("/io/vertx/") || path.contains("/io/netty/"), JARS);
    }

    @Override
    protected List<String> classPath(List<String> entries) {
        return onVertx45(entries);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buildJdk")
    void theChildRunsVertx45OnNetty41AndItsCallsAreGated(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            ScenarioRun child = run(jdk, gating(server, 1), "sequential", server.url("/v1/chat"), server.url("/v1/chat"), "1");

            assertSucceeded(child);
            assertThat(child.transcript()).contains("/vertx-core-4.5.22.jar", "/netty-codec-http-4.1.116.Final.jar")
                    .doesNotContain("/vertx-core-5.", "/netty-codec-http-4.2.")
                    .doesNotContain("is not supported");
            assertThat(Counters.of(child).get("Started")).as(child.transcript()).isEqualTo(1);
        }
    }
}
