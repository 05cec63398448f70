package dev.turnstile.it;

import dev.turnstile.it.support.ChildJvm;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar holds nothing the application could trip over: the only classes a class
 * loader can find in it are the small bootstrap bridge; everything else, our code and every
 * third-party library, is {@code inst/*.classdata} under {@code dev/turnstile/}, which only the
 * agent's own loader reads (third-party code relocated under {@code dev.turnstile.shaded}). The
 * client families are listed for that loader's {@code ServiceLoader}, and only there.
 */
class AgentJarLayoutIT {

    /** Where the agent's hidden loader finds the client families (ServiceLoader). */
    private static final String FAMILIES = "inst/META-INF/services/dev.turnstile.extension.ClientInstrumentation";

    @Test
    void onlyTheBridgeIsLoadableAndEveryOtherClassIsOursOrRelocated() throws IOException {
        try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
            List<String> names = jar.stream().map(JarEntry::getName).filter(n -> !n.endsWith("/"))
                    .collect(Collectors.toList());

            assertThat(names).filteredOn(n -> n.endsWith(".class"))
                    .as("loadable classes").isNotEmpty()
                    .allMatch(n -> n.startsWith("dev/turnstile/bootstrap/") && n.indexOf('/', "dev/turnstile/bootstrap/".length()) < 0);
            assertThat(names).filteredOn(n -> n.startsWith("inst/") && !n.startsWith("inst/META-INF/"))
                    .as("hidden classes, our Lua scripts, relocated third-party resources").hasSizeGreaterThan(1000)
                    .allMatch(n -> n.startsWith("inst/dev/turnstile/") && n.endsWith(".classdata")
                            || n.startsWith("inst/dev/turnstile/redis/") && n.endsWith(".lua")
                            || n.startsWith("inst/dev/turnstile/shaded/") && !n.endsWith(".class"));
            assertThat(names).filteredOn(n -> n.startsWith("inst/META-INF/services/"))
                    .as("service files only name relocated interfaces, and our client families")
                    .allMatch(n -> n.startsWith("inst/META-INF/services/dev.turnstile.shaded.") || n.equals(FAMILIES));
            assertThat(names).as("hidden third-party code").anyMatch(n -> n.startsWith("inst/dev/turnstile/shaded/bytebuddy/"))
                    .anyMatch(n -> n.startsWith("inst/dev/turnstile/shaded/slf4j/"))
                    .anyMatch(n -> n.startsWith("inst/dev/turnstile/shaded/redis/jedis/"))
                    .anyMatch(n -> n.startsWith("inst/dev/turnstile/shaded/pool2/"));
            assertThat(names).as("nothing else: no services or modules for the application's loaders to find")
                    .allMatch(n -> n.startsWith("dev/turnstile/bootstrap/") || n.startsWith("inst/")
                            || n.equals("META-INF/MANIFEST.MF") || n.equals("LICENSE"));

            List<String> families = familiesListedIn(jar);
            assertThat(families).as("the client families, in the order of the start line").containsExactly(
                    "dev.turnstile.jdkhttp.JdkHttpInstrumentation", "dev.turnstile.urlconnection.UrlConnectionInstrumentation",
                    "dev.turnstile.okhttp.OkHttpInstrumentation", "dev.turnstile.apache5.Apache5Instrumentation",
                    "dev.turnstile.apache5.Apache5AsyncInstrumentation", "dev.turnstile.apache4.Apache4Instrumentation",
                    "dev.turnstile.reactornetty.ReactorNettyInstrumentation", "dev.turnstile.jetty.JettyInstrumentation",
                    "dev.turnstile.vertx.VertxInstrumentation", "dev.turnstile.vertx4.Vertx4Instrumentation",
                    "dev.turnstile.micrometer.MicrometerInstrumentation",
                    "dev.turnstile.sockets.SocketWatchInstrumentation");
            assertThat(families).as("each listed family is in the jar, hidden")
                    .allMatch(family -> names.contains("inst/" + family.replace('.', '/') + ".classdata"));

            Attributes manifest = jar.getManifest().getMainAttributes();
            assertThat(manifest.getValue("Premain-Class")).isEqualTo("dev.turnstile.bootstrap.AgentLauncher");
            assertThat(manifest.getValue("Agent-Class")).isEqualTo("dev.turnstile.bootstrap.AgentLauncher");
            assertThat(manifest.getValue("Can-Retransform-Classes")).isEqualTo("true");
        }
    }

    /** The class names the family service file lists, comments and blank lines left out. */
    private static List<String> familiesListedIn(JarFile jar) throws IOException {
        JarEntry entry = jar.getJarEntry(FAMILIES);
        assertThat(entry).as(FAMILIES).isNotNull();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(jar.getInputStream(entry),
                StandardCharsets.UTF_8))) {
            return lines.lines().map(line -> line.replaceFirst("#.*", "").trim()).filter(line -> !line.isEmpty())
                    .collect(Collectors.toList());
        }
    }
}
