package dev.turnstile.it;

import dev.turnstile.it.apps.CallerMain;
import dev.turnstile.it.apps.OkHttpLayeringApp;
import dev.turnstile.it.support.ChildJvm;
import dev.turnstile.it.support.MockLlmServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** OkHttp, {@code execute} and {@code enqueue}. */
class OkHttpIT extends AbstractAsyncClientIT {

    @Override
    protected String client() {
        return "okhttp";
    }

    /** The child's class path: as it is here (OkHttp 5 first); a subclass picks another OkHttp. */
    protected List<String> classPath(List<String> entries) {
        return entries;
    }

    /** {@code entries} without the jars whose file names start with one of {@code prefixes}. */
    protected static List<String> without(List<String> entries, String... prefixes) {
        List<String> kept = new ArrayList<>();
        for (String entry : entries) {
            String name = java.nio.file.Paths.get(entry).getFileName().toString();
            if (Stream.of(prefixes).noneMatch(name::startsWith)) {
                kept.add(entry);
            }
        }
        return kept;
    }

    /** The OkHttp jar the child must load. */
    protected String okHttpJar() {
        return "okhttp-jvm-5.";
    }

    @Override
    protected ChildJvm run(Path jdk, String agentArgs, List<String> jvmOptions, String scenario, String... args)
            throws Exception {
        List<String> arguments = new ArrayList<>(List.of(client(), scenario));
        arguments.addAll(List.of(args));
        ChildJvm child = ChildJvm.start(jdk, agentArgs, jvmOptions, this::classPath, CallerMain.class,
                arguments.toArray(new String[0]));
        child.awaitExit(CHILD_TIMEOUT);
        return child;
    }

    /**
     * 100 {@code newBuilder()} rebuilds and a reused builder keep one interceptor of ours (plus the
     * application's); a client layered on another takes one slot per call, not two (with a limit
     * of 1, a second slot would never come).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void rebuiltClientsKeepOneInterceptorAndLayeredClientsTakeOneSlot(Path jdk) throws Exception {
        try (MockLlmServer server = new MockLlmServer()) {
            ChildJvm child = ChildJvm.start(jdk, gating(server, 1), List.of(), this::classPath, OkHttpLayeringApp.class,
                    server.url("/v1/stream?events=3&delayMs=50"));
            child.awaitExit(CHILD_TIMEOUT);

            assertSucceeded(child);
            assertThat(child.stdout()).as(child.transcript())
                    .anyMatch(line -> line.startsWith("OKHTTP ") && line.contains(okHttpJar()))
                    .contains("INTERCEPTORS base=2/1 rebuilt=2/1 reused=1/1", "LAYERED 0 status=200", "LAYERED 1 status=200");
            assertThat(server.exchanges()).hasSize(2);
            assertThat(server.maxInFlight()).as("limit 1").isEqualTo(1);
        }
    }
}
