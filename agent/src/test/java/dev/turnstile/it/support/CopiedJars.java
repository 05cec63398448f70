package dev.turnstile.it.support;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Another version of a library for a child JVM: jars Maven copied aside before the integration
 * tests, put on the class path instead of the test class path's own.
 */
public final class CopiedJars {

    private CopiedJars() {
    }

    /**
     * {@code entries} without those {@code replaced} matches (given with {@code /} separators),
     * the jars in {@code dir} right after the first entry (the test classes).
     */
    public static List<String> instead(List<String> entries, Predicate<String> replaced, Path dir) {
        List<String> classPath = new ArrayList<>();
        for (String entry : entries) {
            if (!replaced.test(entry.replace('\\', '/'))) {
                classPath.add(entry);
            }
        }
        File[] jars = dir.toFile().listFiles((folder, name) -> name.endsWith(".jar"));
        if (jars == null || jars.length == 0) {
            throw new IllegalStateException("no jars in " + dir + ": run the build's pre-integration-test phase");
        }
        Arrays.sort(jars);
        for (File jar : jars) {
            classPath.add(1, jar.getPath());
        }
        return classPath;
    }
}
