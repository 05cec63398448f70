package dev.turnstile.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The JDKs the integration tests run on: the one running the build, and a Temurin 25 under
 * {@code /usr/lib/jvm} when the machine has one (or {@code -Dturnstile.it.extraJdk=PATH}).
 */
public final class Jdks {

    private Jdks() {
    }

    public static List<Path> all() {
        List<Path> jdks = new ArrayList<>();
        Path current = Paths.get(System.getProperty("java.home"));
        jdks.add(current);
        extra().filter(extra -> !sameFile(extra, current)).ifPresent(jdks::add);
        return jdks;
    }

    private static java.util.Optional<Path> extra() {
        String configured = System.getProperty("turnstile.it.extraJdk", "");
        if (!configured.isBlank()) {
            return java.util.Optional.of(Paths.get(configured));
        }
        Path jvms = Paths.get("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return java.util.Optional.empty();
        }
        try (Stream<Path> entries = Files.list(jvms)) {
            return entries.filter(p -> p.getFileName().toString().matches("temurin-2[5-9].*"))
                    .filter(p -> Files.isExecutable(p.resolve("bin/java")))
                    .sorted()
                    .findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.equals(b);
        }
    }

    /** A short name for test display: the JDK's folder name. */
    public static String name(Path jdk) {
        return jdk.getFileName().toString();
    }
}
