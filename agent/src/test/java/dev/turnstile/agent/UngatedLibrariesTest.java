package dev.turnstile.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class UngatedLibrariesTest {

    @TempDir
    Path classPath;

    private String describe(String... classFiles) throws Exception {
        for (String classFile : classFiles) {
            Path file = classPath.resolve(classFile);
            Files.createDirectories(file.getParent());
            Files.write(file, new byte[0]);
        }
        try (URLClassLoader probe = new URLClassLoader(new URL[] {classPath.toUri().toURL()}, null)) {
            return UngatedLibraries.describe(probe);
        }
    }

    @Test
    void knownUngatedLibrariesOnTheClassPathAreNamed() throws Exception {
        assertThat(describe("com/squareup/okhttp/OkHttpClient.class", "io/grpc/ManagedChannel.class"))
                .isEqualTo("; not gated, on the class path: OkHttp 2, gRPC (connections to a provider are reported)");
    }

    @Test
    void nettyUnderReactorNettyAndJetty12AreGatedSoNotNamed() throws Exception {
        assertThat(describe("io/netty/channel/Channel.class", "reactor/netty/http/client/HttpClient.class",
                "org/eclipse/jetty/client/HttpClient.class", "org/eclipse/jetty/client/transport/HttpDestination.class"))
                .isEmpty();
    }

    @Test
    void nettyAloneAndAnOldJettyAreNamed() throws Exception {
        assertThat(describe("io/netty/channel/Channel.class", "org/eclipse/jetty/client/HttpClient.class"))
                .contains("Netty without Reactor Netty or Vert.x 4.5+, Jetty HttpClient before 12");
    }

    @Test
    void vertx45AndLaterAreGatedSoTheyAndTheirNettyAreNotNamed() throws Exception {
        assertThat(describe("io/netty/channel/Channel.class", "io/vertx/core/http/HttpClient.class",
                "io/vertx/core/net/HostAndPort.class")).isEmpty();
    }

    @Test
    void vertxBefore45IsNamed() throws Exception {
        assertThat(describe("io/vertx/core/http/HttpClient.class"))
                .isEqualTo("; not gated, on the class path: Vert.x HttpClient before 4.5 (connections to a provider are reported)");
    }
}
