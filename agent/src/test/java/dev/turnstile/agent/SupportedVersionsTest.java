package dev.turnstile.agent;

import dev.turnstile.extension.ClientInstrumentation;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library check against real libraries: every family fits the versions the tests run
 * (this JDK, OkHttp, Apache HttpClient 4 and 5, Reactor Netty, Jetty HttpClient 12, Vert.x 5 and
 * Micrometer on the test class path), and both Apache HttpClient 5 families stay out of 5.1.3, each saying what that release lacks: the 5.5 class
 * the library adapter needs, and for the async client the exec chain of 5.3. Vert.x 4.5 and 5
 * share class names with another request write: each has its family, and the other family
 * steps aside without a word.
 */
class SupportedVersionsTest {

    private static final Path OLD_LIBRARIES = Paths.get("target/old-libraries");

    @Test
    void everyFamilyFitsTheLibraryVersionsTheTestsRun() {
        Map<String, String> missing = new LinkedHashMap<>();
        ClassLoader testClassPath = SupportedVersionsTest.class.getClassLoader();
        for (FamilyPlan family : plans()) {
            if (!LibraryCheck.belongsToAnotherFamily(family, poolOf(testClassPath))) {
                missing.put(family.name(), check(family, testClassPath));
            }
        }

        assertThat(missing).containsOnlyKeys("jdk-httpclient", "urlconnection", "okhttp", "apache-httpclient5",
                "apache-httpclient5-async", "apache-httpclient4", "reactor-netty", "jetty-httpclient", "vertx-httpclient",
                "micrometer-meters", "ungated-connections"); // vertx4-httpclient steps aside from Vert.x 5
        assertThat(missing).allSatisfy((family, gap) -> assertThat(gap).as(family).isNull());
    }

    @Test
    void apacheHttpClient51IsLeftOutSayingWhatItLacks() throws Exception {
        assertThat(OLD_LIBRARIES).as("copied by the build before the tests").isDirectory();
        try (URLClassLoader apache51 = new URLClassLoader(new URL[] {
                OLD_LIBRARIES.resolve("httpclient5-5.1.3.jar").toUri().toURL(),
                OLD_LIBRARIES.resolve("httpcore5-5.1.3.jar").toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            FamilyPlan classic = plan("apache-httpclient5");
            FamilyPlan async = plan("apache-httpclient5-async");

            assertThat(check(classic, apache51)).isEqualTo("no class org.apache.hc.client5.http.impl.classic.CloseableDelegate");
            assertThat(check(async, apache51)).contains("no class org.apache.hc.client5.http.impl.classic.CloseableDelegate",
                    "InternalAbstractHttpAsyncClient has no method for AsyncExecuteAdvice", "executeImmediate");

            Queue<SkippedFamily> skipped = new ConcurrentLinkedQueue<>();
            String trigger = "org.apache.hc.client5.http.impl.async.InternalAbstractHttpAsyncClient";
            assertThat(async.admits(apache51, trigger, poolOf(apache51), skipped)).isFalse();
            assertThat(skipped).singleElement().extracting(SkippedFamily::describe).asString()
                    .startsWith("apache-httpclient5-async: Apache HttpClient async 5.1.3 is not supported (supported: 5.5 and later");
        }
    }

    @Test
    void vertx45FitsItsOwnFamilyAndTheVertx5FamilyStepsAsideSilently() throws Exception {
        try (URLClassLoader vertx45 = new URLClassLoader(new URL[] {
                OLD_LIBRARIES.resolve("vertx-core-4.5.22.jar").toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            FamilyPlan vertx4 = plan("vertx4-httpclient");
            FamilyPlan vertx5 = plan("vertx-httpclient");

            assertThat(check(vertx4, vertx45)).isNull();
            assertThat(check(vertx5, vertx45)).as("its shape is not 4.5's").contains("no class io.vertx.core.http.HttpClientAgent",
                    "HttpClientRequestImpl has no method for WriteAdvice");

            Queue<SkippedFamily> skipped = new ConcurrentLinkedQueue<>();
            String trigger = "io.vertx.core.http.impl.HttpClientRequestImpl";
            assertThat(vertx5.admits(vertx45, trigger, poolOf(vertx45), skipped)).isFalse();
            assertThat(vertx4.admits(vertx45, trigger, poolOf(vertx45), skipped)).isTrue();
            assertThat(skipped).as("no word: the vertx4 family speaks for Vert.x 4").isEmpty();
        }
    }

    @Test
    void theVertx4FamilyStepsAsideSilentlyFromVertx5() {
        ClassLoader vertx5 = SupportedVersionsTest.class.getClassLoader();
        FamilyPlan vertx4 = plan("vertx4-httpclient");

        assertThat(check(vertx4, vertx5)).as("its shape is not 5.0's").contains("HttpClientRequestImpl has no method for WriteAdvice");

        Queue<SkippedFamily> skipped = new ConcurrentLinkedQueue<>();
        assertThat(vertx4.admits(vertx5, "io.vertx.core.http.impl.HttpClientRequestImpl", poolOf(vertx5), skipped)).isFalse();
        assertThat(skipped).isEmpty();
    }

    private static List<FamilyPlan> plans() {
        List<FamilyPlan> plans = new ArrayList<>();
        for (ClientInstrumentation family : ClientFamilies.load(SupportedVersionsTest.class.getClassLoader(),
                problem -> {
                    throw new AssertionError(problem);
                })) {
            FamilyPlan plan = new FamilyPlan(family.name(), family.library());
            family.instrument(plan);
            plans.add(plan);
        }
        return plans;
    }

    private static FamilyPlan plan(String name) {
        return plans().stream().filter(plan -> plan.name().equals(name)).findFirst().orElseThrow();
    }

    /** Checks the family in {@code loader}, which must hold one of its planned classes. */
    private static String check(FamilyPlan family, ClassLoader loader) {
        assertThat(family.types().keySet()).as(family.name() + ": a planned class in " + loader)
                .anyMatch(planned -> loader.getResource(planned.replace('.', '/') + ".class") != null);
        return LibraryCheck.missing(family, poolOf(loader));
    }

    private static TypePool poolOf(ClassLoader loader) {
        return TypePool.Default.of(ClassFileLocator.ForClassLoader.of(loader));
    }
}
