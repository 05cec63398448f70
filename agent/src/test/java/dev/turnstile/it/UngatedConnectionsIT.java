package dev.turnstile.it;

import dev.turnstile.it.apps.RawSocketApp;
import dev.turnstile.it.support.ChildJvm;
import dev.turnstile.it.support.Jdks;
import dev.turnstile.it.support.MockLlmServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection to a provider's host with no gated call behind it is counted and reported once
 * per provider and stack; a gated client's own connections never are, not even those of a client
 * that connects before its first request reaches the gate (Vert.x takes it when it writes the head).
 */
class UngatedConnectionsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    static Stream<Path> jdks() {
        return Jdks.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void httpWrittenOnARawSocketToAProviderIsCountedAndReportedOnce(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer();
             ChildJvm app = start(jdk, server, "raw")) {
            app.awaitExit(TIMEOUT);
            assertThat(app.stdout()).as(app.transcript()).filteredOn(line -> line.startsWith("CALL "))
                    .containsExactly("CALL HTTP/1.1 200 OK", "CALL HTTP/1.1 200 OK");
            assertThat(app.stdout()).as(app.transcript()).contains("UNGATED 2");
            assertThat(app.stderr()).as(app.transcript()).filteredOn(line -> line.contains("WARN"))
                    .singleElement().satisfies(line -> assertThat(line)
                            .contains("calls to test (127.0.0.1:" + server.port() + ") through dev.turnstile.it are not gated"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aGatedClientsConnectionsToTheSameProviderAreNeverReported(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer();
             ChildJvm app = start(jdk, server, "jdk")) {
            app.awaitExit(TIMEOUT);
            assertThat(app.stdout()).as(app.transcript()).filteredOn(line -> line.startsWith("CALL "))
                    .containsExactly("CALL HTTP 200", "CALL HTTP 200");
            assertThat(app.stdout()).as(app.transcript()).contains("UNGATED 0");
            assertThat(app.stderr()).as(app.transcript()).noneMatch(line -> line.contains("WARN"));
            assertThat(server.exchanges()).hasSize(2);
        }
    }

    /**
     * Gated clients, on the class path they run on: Vert.x opens its connection before its first
     * request reaches the gate; the others are there to show that none does so for long.
     */
    static Stream<Arguments> connectFirstClients() {
        UnaryOperator<List<String>> testClassPath = entries -> entries;
        return Stream.of(
                Arguments.of("vertx-web", "Vert.x 5", testClassPath),
                Arguments.of("vertx-web", "Vert.x 4.5", (UnaryOperator<List<String>>) Vertx45IT::onVertx45),
                Arguments.of("vertx", "Vert.x 5", testClassPath),
                Arguments.of("reactor-netty", "", testClassPath),
                Arguments.of("jetty", "", testClassPath),
                Arguments.of("apache5-async", "", testClassPath),
                Arguments.of("jdk", "", testClassPath));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("connectFirstClients")
    void aClientThatConnectsBeforeItsRequestReachesTheGateIsNotReportedWhileARawSocketStillIs(
            String client, String version, UnaryOperator<List<String>> classPath) throws Exception {
        Path jdk = Jdks.all().get(0);
        try (MockLlmServer server = new MockLlmServer();
             MockLlmServer rawServer = new MockLlmServer();
             ChildJvm app = ChildJvm.start(jdk, AbstractClientIT.gating(server, 1).agentArgs()
                             + ";providers.raw.hosts=127.0.0.1:" + rawServer.port() + ";providers.raw.limit=1",
                     List.of(), classPath, RawSocketApp.class, "client=" + client, server.url("/v1/chat"),
                     rawServer.url("/v1/chat"))) {
            app.awaitExit(TIMEOUT);
            assertThat(app.stdout()).as(app.transcript()).filteredOn(line -> line.startsWith("CALL "))
                    .containsExactly("CALL 200", "CALL 200", "CALL HTTP/1.1 200 OK");
            assertThat(app.stdout()).as(app.transcript()).contains("UNGATED test=0 raw=1");
            assertThat(app.stderr()).as(app.transcript()).filteredOn(line -> line.contains("not gated"))
                    .singleElement().satisfies(line -> assertThat(line)
                            .contains("calls to raw (127.0.0.1:" + rawServer.port() + ") through dev.turnstile.it"));
            assertThat(server.exchanges()).hasSize(2);
        }
    }

    private static ChildJvm start(Path jdk, MockLlmServer server, String mode) throws Exception {
        return ChildJvm.start(jdk, AbstractClientIT.gating(server, 1).agentArgs(), List.of(),
                RawSocketApp.class, mode, server.url("/v1/chat"));
    }
}
