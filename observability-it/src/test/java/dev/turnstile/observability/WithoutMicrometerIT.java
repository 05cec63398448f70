package dev.turnstile.observability;

import dev.turnstile.observability.apps.ActuatorApp;
import dev.turnstile.observability.apps.PlainApp;
import dev.turnstile.observability.support.ChildJvm;
import dev.turnstile.observability.support.GatedTraffic;
import dev.turnstile.observability.support.Provider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Micrometer binder costs an application without Micrometer nothing: no class of it, and no
 * class of Micrometer, is ever loaded. With Micrometer (the Spring Boot application) the same
 * log shows the binder loaded, so the check can see it.
 */
class WithoutMicrometerIT {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String BINDER = "dev.turnstile.micrometer.library.";

    @Test
    void anApplicationWithoutMicrometerLoadsNothingOfTheBinder(@TempDir Path dir) throws Exception {
        Path classes = dir.resolve("classes.log");
        try (Provider provider = new Provider();
             ChildJvm app = ChildJvm.start(List.of(ChildJvm.turnstile(GatedTraffic.agentArguments(provider)),
                     "-Xlog:class+load=info:file=" + classes), ChildJvm.testClassesOnly(), PlainApp.class, provider.url())) {
            provider.release();
            app.awaitOutput("READY", PATIENCE);
            app.send("call 1 /v1/chat");
            app.awaitOutput("ANSWER 200", PATIENCE);

            List<String> loaded = loadedClasses(classes);
            assertThat(loaded).as("the gated client's classes, to show the log sees the agent's")
                    .anyMatch(name -> name.startsWith("dev.turnstile.jdkhttp."));
            assertThat(loaded).noneMatch(name -> name.startsWith(BINDER)).noneMatch(name -> name.startsWith("io.micrometer."));
        }
    }

    @Test
    void anApplicationWithMicrometerLoadsTheBinder(@TempDir Path dir) throws Exception {
        Path classes = dir.resolve("classes.log");
        try (Provider provider = new Provider();
             ChildJvm app = ChildJvm.start(List.of(ChildJvm.turnstile(GatedTraffic.agentArguments(provider)),
                     "-Xlog:class+load=info:file=" + classes), ChildJvm.fullClassPath(), ActuatorApp.class, provider.url(),
                     "--server.port=" + ChildJvm.freePort(), "--server.address=127.0.0.1", "--spring.main.banner-mode=off")) {
            app.awaitOutput("READY", PATIENCE);

            assertThat(loadedClasses(classes)).contains(BINDER + "TurnstileMeters", BINDER + "MBeanMeters");
        }
    }

    /** Class names from a {@code -Xlog:class+load} file: {@code [...][info][class,load] a.b.C source: ...}. */
    private static List<String> loadedClasses(Path log) throws Exception {
        return Files.readAllLines(log).stream().filter(line -> line.contains("[class,load]"))
                .map(line -> line.substring(line.indexOf("[class,load]") + "[class,load]".length()).trim().split(" ")[0])
                .collect(Collectors.toList());
    }
}
