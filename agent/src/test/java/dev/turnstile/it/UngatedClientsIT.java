package dev.turnstile.it;

import dev.turnstile.it.apps.MinimalAsyncApp;
import dev.turnstile.it.support.ChildJvm;
import dev.turnstile.it.support.Jdks;
import dev.turnstile.it.support.MockLlmServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Clients Turnstile cannot gate are reported when they reach a provider: never silent, never noisy. */
class UngatedClientsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String MINIMAL = "org.apache.hc.client5.http.impl.async.MinimalHttpAsyncClient";

    static Stream<Path> jdks() {
        return Jdks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void apachesMinimalAsyncClientIsReportedOncePerProviderAndNeverForOtherHosts(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer();
             ChildJvm app = ChildJvm.start(jdk, AbstractClientIT.gating(server, 1).agentArgs(), List.of(),
                     MinimalAsyncApp.class, server.url("/v1/chat"),
                     "http://localhost:" + server.port() + "/v1/chat")) { // the same server, but no provider's host
            app.awaitExit(TIMEOUT);

            assertThat(app.stdout()).as(app.transcript()).contains("DONE failures=0");
            assertThat(app.stderr()).as(app.transcript())
                    .filteredOn(line -> line.contains("WARN") && line.contains(MINIMAL))
                    .singleElement().satisfies(line -> assertThat(line)
                            .contains("calls to test (127.0.0.1:" + server.port() + ") through " + MINIMAL
                                    + " are not gated", "HttpAsyncClients.custom()"));
            assertThat(app.stderr()).noneMatch(line -> line.contains("localhost"))
                    .noneMatch(line -> line.contains("ERROR") || line.contains("internal error"));
        }
    }
}
