package dev.turnstile.it;

import dev.turnstile.it.support.ChildJvm;
import org.junit.jupiter.api.Test;

import java.io.IOException;
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
 * agent's own loader reads (third-party code relocated under {@code dev.turnstile.shaded}).
 */
class AgentJarLayoutIT {

    @Test
    void onlyTheBridgeIsLoadableAndEveryOtherClassIsOursOrRelocated() throws IOException {
        try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
            List<String> names = jar.stream().map(JarEntry::getName).filter(n -> !n.endsWith("/"))
                    .collect(Collectors.toList());

            assertThat(names).filteredOn(n -> n.endsWith(".class"))
                    .as("loadable classes").isNotEmpty()
                    .allMatch(n -> n.startsWith("dev/turnstile/bootstrap/") && n.indexOf('/', "dev/turnstile/bootstrap/".length()) < 0);
            assertThat(names).filteredOn(n -> n.startsWith("inst/") && !n.startsWith("inst/META-INF/"))
                    .as("hidden classes").hasSizeGreaterThan(1000)
                    .allMatch(n -> n.startsWith("inst/dev/turnstile/") && n.endsWith(".classdata"));
            assertThat(names).filteredOn(n -> n.startsWith("inst/META-INF/services/"))
                    .as("service files only name relocated interfaces")
                    .allMatch(n -> n.startsWith("inst/META-INF/services/dev.turnstile.shaded."));
            assertThat(names).as("hidden third-party code").anyMatch(n -> n.startsWith("inst/dev/turnstile/shaded/bytebuddy/"))
                    .anyMatch(n -> n.startsWith("inst/dev/turnstile/shaded/slf4j/"));
            assertThat(names).as("nothing else: no services or modules for the application's loaders to find")
                    .allMatch(n -> n.startsWith("dev/turnstile/bootstrap/") || n.startsWith("inst/")
                            || n.equals("META-INF/MANIFEST.MF") || n.equals("LICENSE"));

            Attributes manifest = jar.getManifest().getMainAttributes();
            assertThat(manifest.getValue("Premain-Class")).isEqualTo("dev.turnstile.bootstrap.AgentLauncher");
            assertThat(manifest.getValue("Agent-Class")).isEqualTo("dev.turnstile.bootstrap.AgentLauncher");
            assertThat(manifest.getValue("Can-Retransform-Classes")).isEqualTo("true");
        }
    }
}
