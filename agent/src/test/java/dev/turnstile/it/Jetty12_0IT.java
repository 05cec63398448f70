package dev.turnstile.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Jetty scenarios on Jetty 12.0 (12.0.25), the oldest line supported. Maven copies its jars
 * aside before the integration tests ({@code turnstile.it.jetty12.0}); the child loads them
 * instead of the 12.1 jars of the test class path.
 */
class Jetty12_0IT extends JettyIT {

    @Override
    protected List<String> classPath(List<String> entries) {
        List<String> classPath = new ArrayList<>();
        for (String entry : entries) {
            if (!Paths.get(entry).getFileName().toString().startsWith("jetty-")) {
                classPath.add(entry);
            }
        }
        classPath.addAll(1, jetty120Jars());
        return classPath;
    }

    private static List<String> jetty120Jars() {
        Path dir = Paths.get(System.getProperty("turnstile.it.jetty12.0", "target/jetty12.0"));
        try (Stream<Path> jars = Files.list(dir)) {
            List<String> found = jars.map(Path::toString).filter(name -> name.endsWith(".jar")).sorted()
                    .collect(Collectors.toList());
            assertThat(found).as("Jetty 12.0 jars in " + dir).hasSize(5).allMatch(name -> name.contains("-12.0."));
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
