package dev.turnstile.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layers that must stay apart, read from the compiled classes' constant pools
 * ({@link ClassReferences}), so that a reference added later fails here whatever its source says.
 * Rules go by package prefix: a subpackage added to a layer is held to the layer's rule.
 *
 * <ul>
 *   <li>The scheduler core ({@code dev.turnstile.core} and below) knows only {@code java.*} and
 *       itself: no HTTP client, no JMX, no Byte Buddy, nothing else of ours.</li>
 *   <li>The bootstrap package is defined in the bootstrap class loader of the application's JVM,
 *       where only {@code java.base} is sure to be there: it may use the packages {@code java.base}
 *       exports, and {@code java.instrument}, which the JVM resolves for every agent and through
 *       which {@code premain} receives its {@code Instrumentation}; of ours, only itself.</li>
 * </ul>
 */
class LayeringTest {

    private static final Path CLASSES = Paths.get("target/classes");
    private static final String CORE = "dev/turnstile/core/";
    private static final String BOOTSTRAP = "dev/turnstile/bootstrap/";

    @Test
    void theSchedulerCoreRefersOnlyToJavaAndToItself() throws IOException {
        List<String> violations = violations(CORE, name -> name.startsWith("java/") || name.startsWith(CORE));

        assertThat(violations).as("classes of %s and what they refer to outside java.* and the core", CORE).isEmpty();
    }

    @Test
    void theBootstrapPackageRefersOnlyToJavaBaseAndToItself() throws IOException {
        Set<String> allowedPackages = Stream.of("java.base", "java.instrument")
                .flatMap(module -> exportedPackages(module).stream()).collect(Collectors.toSet());
        List<String> violations = violations(BOOTSTRAP, name -> name.startsWith(BOOTSTRAP)
                || allowedPackages.contains(ClassReferences.packageOf(name)));

        assertThat(violations).as("classes of %s and what they refer to outside java.base", BOOTSTRAP).isEmpty();
    }

    /** The packages {@code module} exports to everyone: what a class in the unnamed module can use. */
    private static Set<String> exportedPackages(String module) {
        ModuleDescriptor descriptor = ModuleLayer.boot().findModule(module)
                .orElseThrow(() -> new AssertionError(module + " not in the boot layer")).getDescriptor();
        return descriptor.exports().stream().filter(export -> !export.isQualified())
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    }

    /**
     * {@code Class -> referenced} for every class under {@code layer} (an internal package prefix)
     * that refers to a class {@code allowed} rejects.
     */
    private static List<String> violations(String layer, Predicate<String> allowed) throws IOException {
        assertThat(CLASSES).as("run from the agent module after compile").isDirectory();
        List<Path> files = ClassReferences.classFiles(CLASSES.resolve(layer));
        assertThat(files).as("compiled classes of %s", layer).hasSizeGreaterThan(3);
        List<String> violations = new ArrayList<>();
        boolean readJava = false; // proof the references were read: a class may extend one of its own layer only
        for (Path file : files) {
            Set<String> referenced = ClassReferences.of(file);
            readJava |= referenced.stream().anyMatch(name -> name.startsWith("java/"));
            String self = CLASSES.relativize(file).toString().replace('\\', '/').replaceAll("\\.class$", "");
            referenced.stream().filter(allowed.negate()).forEach(name -> violations.add(self + " -> " + name));
        }
        assertThat(readJava).as("classes of %s refer to java.*", layer).isTrue();
        return violations;
    }
}
