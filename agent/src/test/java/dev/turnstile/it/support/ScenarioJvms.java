package dev.turnstile.it.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The {@link ScenarioJvm}s of one test class, one per client, JDK and class path: each started at
 * its first scenario and kept for the next.
 */
public final class ScenarioJvms {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final Class<?> mainClass;
    private final UnaryOperator<List<String>> classPath;
    private final Map<String, ScenarioJvm> jvms = new LinkedHashMap<>();

    /** Child JVMs running {@code mainClass} on the test class path changed by {@code classPath}. */
    public ScenarioJvms(Class<?> mainClass, UnaryOperator<List<String>> classPath) {
        this.mainClass = mainClass;
        this.classPath = classPath;
    }

    /** Runs {@code scenario} with {@code args} in the JVM of {@code client} on {@code jdk}. */
    public ScenarioRun run(Path jdk, String client, Gating gating, Duration timeout, String scenario, String... args)
            throws Exception {
        return run(jdk, client, gating, READ_TIMEOUT, timeout, scenario, args);
    }

    /** As above, with a client that times out reads after {@code readTimeout}. */
    public ScenarioRun run(Path jdk, String client, Gating gating, Duration readTimeout, Duration timeout,
                           String scenario, String... args) throws Exception {
        ScenarioJvm jvm = jvms.computeIfAbsent(client + " " + jdk,
                key -> new ScenarioJvm(jdk, classPath, mainClass, client));
        return jvm.run(gating, readTimeout, scenario, List.of(args), timeout);
    }

    public Collection<ScenarioJvm> all() {
        return jvms.values();
    }
}
