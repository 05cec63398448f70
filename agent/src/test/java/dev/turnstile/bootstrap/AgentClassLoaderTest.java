package dev.turnstile.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentClassLoaderTest {

    /** Loaded from the jar by the loader under test; refers to nothing outside java.base. */
    public static final class Probe implements Supplier<String> {
        @Override
        public String get() {
            return "probe";
        }
    }

    @TempDir
    Path dir;

    @Test
    void definesAClassFromItsClassdataEntryWhetherDeflatedOrStored() throws Exception {
        for (int method : new int[] {ZipEntry.DEFLATED, ZipEntry.STORED}) {
            Path jarPath = jarWithProbe(method);
            try (JarFile jar = new JarFile(jarPath.toFile())) {
                AgentClassLoader loader = new AgentClassLoader(jar, jarPath.toUri().toURL(),
                        ClassLoader.getPlatformClassLoader());

                Class<?> probe = loader.loadClass(Probe.class.getName());

                assertSame(loader, probe.getClassLoader(), "defined by the agent's loader, not found elsewhere");
                @SuppressWarnings("unchecked")
                Supplier<String> instance = (Supplier<String>) probe.getDeclaredConstructor().newInstance();
                assertEquals("probe", instance.get());
                assertEquals("9.9.9-test", probe.getPackage().getImplementationVersion());
            }
        }
    }

    @Test
    void answersAClassResourceWithItsClassdataAndKnowsNoOtherClass() throws Exception {
        Path jarPath = jarWithProbe(ZipEntry.DEFLATED);
        try (JarFile jar = new JarFile(jarPath.toFile())) {
            AgentClassLoader loader = new AgentClassLoader(jar, jarPath.toUri().toURL(),
                    ClassLoader.getPlatformClassLoader());

            try (InputStream in = loader.getResourceAsStream(internalName(Probe.class) + ".class")) {
                assertArrayEquals(probeBytes(), in.readAllBytes());
            }
            assertNull(loader.getResource("dev/turnstile/Absent.class"));
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("dev.turnstile.Absent"));
        }
    }

    private Path jarWithProbe(int method) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, "9.9.9-test");
        byte[] bytes = probeBytes();
        Path jar = dir.resolve("agent-" + method + ".jar");
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest)) {
            JarEntry entry = new JarEntry("inst/" + internalName(Probe.class) + ".classdata");
            entry.setMethod(method);
            if (method == ZipEntry.STORED) {
                CRC32 crc = new CRC32();
                crc.update(bytes);
                entry.setSize(bytes.length);
                entry.setCompressedSize(bytes.length);
                entry.setCrc(crc.getValue());
            }
            out.putNextEntry(entry);
            out.write(bytes);
            out.closeEntry();
        }
        return jar;
    }

    private static byte[] probeBytes() throws IOException {
        try (InputStream in = AgentClassLoaderTest.class.getResourceAsStream(
                "/" + internalName(Probe.class) + ".class")) {
            return in.readAllBytes();
        }
    }

    private static String internalName(Class<?> type) {
        return type.getName().replace('.', '/');
    }
}
