package dev.turnstile.architecture;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing of ours that runs on an application's call path holds a monitor: a virtual thread that
 * blocks inside {@code synchronized} pins its carrier (before JDK 24), so the scheduler, the gate
 * and every client hook use {@code java.util.concurrent} locks instead. Read from the compiled
 * bytecode, so a {@code synchronized} added anywhere later fails here.
 */
class NoMonitorOnCallPathTest {

    /**
     * Monitors allowed, none of which blocks: agent start-up runs once; the helper loader's
     * {@code getClassLoadingLock} is the monitor the JDK's own loaders take, and its registry
     * of loaders is a map lookup done once per library.
     */
    private static final Set<String> ALLOWED = Set.of(
            "dev/turnstile/bootstrap/AgentBoot.start",
            "dev/turnstile/extension/HelperLoader.loaderFor",
            "dev/turnstile/extension/HelperLoader.loadClass");

    @Test
    void noClassOfTheAgentEntersAMonitorOutsideStartUpAndClassLoading() throws IOException {
        Path classes = Paths.get("target/classes");
        assertThat(classes).as("run from the agent module after compile").isDirectory();
        List<String> monitors = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList());
        }
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                new ClassReader(in).accept(new MonitorFinder(monitors), ClassReader.SKIP_DEBUG);
            }
        }

        assertThat(files).as("compiled agent classes").hasSizeGreaterThan(100);
        assertThat(monitors).as("the finder sees the start-up monitor we know of")
                .contains("dev/turnstile/bootstrap/AgentBoot.start");
        assertThat(monitors).as("methods that enter a monitor").allMatch(ALLOWED::contains);
    }

    /** Collects {@code Class.method} for every synchronized method and every monitorenter. */
    private static final class MonitorFinder extends ClassVisitor {
        private final List<String> found;
        private String owner;

        MonitorFinder(List<String> found) {
            super(Opcodes.ASM9);
            this.found = found;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            owner = name;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            String method = owner + "." + name;
            if ((access & Opcodes.ACC_SYNCHRONIZED) != 0) {
                found.add(method);
            }
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitInsn(int opcode) {
                    if (opcode == Opcodes.MONITORENTER) {
                        found.add(method);
                    }
                }
            };
        }
    }
}
