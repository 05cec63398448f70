package dev.turnstile.agent;

import dev.turnstile.extension.SupportedLibrary;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.implementation.FixedValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A family meets its library in a shape it does not support: an old "FakeLib" whose
 * {@code Connection} lacks the {@code close()} the family's advice goes on. The family is left
 * out of that class loader whole (not even the class that has its method is changed), decided
 * before its first class there and from class files only, with one message naming the library,
 * its version and what is missing; a loader with the supported version is changed as planned.
 */
class UnsupportedLibraryTest {

    private static final String CLIENT = "fake.lib.Client";
    private static final String CONNECTION = "fake.lib.Connection";

    @TempDir
    Path dir;

    private final Queue<String> errors = new ConcurrentLinkedQueue<>();
    private final Queue<SkippedFamily> skipped = new ConcurrentLinkedQueue<>();

    @Test
    void aLibraryLackingAPlannedMethodIsLeftOutWholeWithOneMessage() throws Exception {
        FamilyPlan family = fakeFamily(SupportedLibrary.of("FakeLib", "2.0 and later", CLIENT));
        AdviceTransformer transformer = transformer(family);
        try (RecordingLoader old = new RecordingLoader(fakeLib("1.7", false))) {
            assertThat(transform(transformer, old, CLIENT)).as("the class that has its method").isNull();
            assertThat(transform(transformer, old, CONNECTION)).as("the class that lacks it").isNull();
            assertThat(transform(transformer, old, CLIENT)).as("again").isNull();

            assertThat(errors).isEmpty();
            assertThat(skipped).hasSize(1);
            assertThat(skipped.peek().describe()).contains("fake: FakeLib 1.7 is not supported (supported: 2.0 and later)",
                    "nothing of it is changed in class loader", "Missing: " + CONNECTION
                            + " has no method for AdviceTransformerTest$LouderAdvice matching name(equals(close))");
            assertThat(old.requested).as("classes the loader was asked for").noneMatch(name -> name.startsWith("fake."));
        }
    }

    @Test
    void theSupportedVersionIsChangedAsPlanned() throws Exception {
        FamilyPlan family = fakeFamily(SupportedLibrary.of("FakeLib", "2.0 and later", CLIENT)
                .requiresMethod(CLIENT, "hashCode", 0)); // inherited from Object: found there
        AdviceTransformer transformer = transformer(family);
        try (RecordingLoader current = new RecordingLoader(fakeLib("2.1", true))) {
            assertThat(transform(transformer, current, CLIENT)).isNotNull();
            assertThat(transform(transformer, current, CONNECTION)).isNotNull();

            assertThat(errors).isEmpty();
            assertThat(skipped).isEmpty();
            assertThat(current.requested).noneMatch(name -> name.startsWith("fake."));
        }
    }

    @Test
    void aMissingRequiredClassOrMethodLeavesTheFamilyOutAndSaysWhich() throws Exception {
        FamilyPlan family = fakeFamily(SupportedLibrary.of("FakeLib", "3.0 and later", CLIENT)
                .requiresOneOf("fake.lib.Pool", "fake.lib.LegacyPool")
                .requiresMethod(CONNECTION, "reset", 1));
        AdviceTransformer transformer = transformer(family);
        try (RecordingLoader current = new RecordingLoader(fakeLib("2.1", true))) {
            assertThat(transform(transformer, current, CLIENT)).isNull();

            assertThat(skipped).singleElement().extracting(SkippedFamily::describe).asString()
                    .contains("FakeLib 2.1", "no class fake.lib.Pool or fake.lib.LegacyPool",
                            "no method " + CONNECTION + ".reset with 1 parameter");
        }
    }

    @Test
    void eachClassLoaderIsJudgedOnItsOwn() throws Exception {
        FamilyPlan family = fakeFamily(SupportedLibrary.of("FakeLib", "2.0 and later", CLIENT));
        AdviceTransformer transformer = transformer(family);
        try (RecordingLoader old = new RecordingLoader(fakeLib("1.7", false));
             RecordingLoader current = new RecordingLoader(fakeLib("2.1", true))) {
            assertThat(transform(transformer, old, CONNECTION)).isNull();
            assertThat(transform(transformer, current, CONNECTION)).isNotNull();
            assertThat(transform(transformer, old, CLIENT)).isNull();
            assertThat(transform(transformer, current, CLIENT)).isNotNull();

            assertThat(skipped).singleElement().extracting(SkippedFamily::describe).asString().contains("FakeLib 1.7");
        }
    }

    @Test
    void aJarWithoutAVersionInItsManifestIsNamedByItsFileName() throws Exception {
        FamilyPlan family = fakeFamily(SupportedLibrary.of("FakeLib", "2.0 and later", CLIENT));
        try (RecordingLoader old = new RecordingLoader(fakeLib(null, false))) {
            assertThat(transform(transformer(family), old, CLIENT)).isNull();

            assertThat(skipped).singleElement().extracting(SkippedFamily::describe).asString()
                    .contains("FakeLib (fakelib.jar) is not supported");
        }
    }

    /** Plans LouderAdvice on the client's send() and the connection's close(). */
    private static FamilyPlan fakeFamily(SupportedLibrary library) {
        FamilyPlan family = new FamilyPlan("fake", library);
        family.type(CLIENT).advice(named("send"), AdviceTransformerTest.LouderAdvice.class.getName());
        family.type(CONNECTION).advice(named("close"), AdviceTransformerTest.LouderAdvice.class.getName());
        return family;
    }

    private AdviceTransformer transformer(FamilyPlan family) {
        AdviceIndex index = new AdviceIndex();
        index.add(family);
        return new AdviceTransformer(index, null, null, UnsupportedLibraryTest.class.getClassLoader(), errors, skipped);
    }

    private static byte[] transform(AdviceTransformer transformer, ClassLoader loader, String name) throws IOException {
        byte[] classFile;
        try (var in = loader.getResourceAsStream(name.replace('.', '/') + ".class")) {
            classFile = in.readAllBytes();
        }
        return transformer.transform(null, loader, name.replace('.', '/'), null, null, classFile);
    }

    /** A jar of the fake library; version 2 and later have {@code Connection.close()}. Null version: no manifest entry. */
    private Path fakeLib(String version, boolean withClose) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (version != null) {
            manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
        }
        Path jar = Files.createDirectories(dir.resolve(version == null ? "none" : version)).resolve("fakelib.jar");
        DynamicType.Builder<Object> connection = new ByteBuddy().subclass(Object.class).name(CONNECTION)
                .defineMethod("open", String.class, Visibility.PUBLIC).intercept(FixedValue.value("open"));
        if (withClose) {
            connection = connection.defineMethod("close", String.class, Visibility.PUBLIC).intercept(FixedValue.value("closed"));
        }
        byte[] client = new ByteBuddy().subclass(Object.class).name(CLIENT)
                .defineMethod("send", String.class, Visibility.PUBLIC).intercept(FixedValue.value("sent"))
                .make().getBytes();
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            write(out, CLIENT, client);
            write(out, CONNECTION, connection.make().getBytes());
        }
        return jar;
    }

    private static void write(JarOutputStream out, String className, byte[] classFile) throws IOException {
        out.putNextEntry(new JarEntry(className.replace('.', '/') + ".class"));
        out.write(classFile);
        out.closeEntry();
    }

    /** The library's loader; records every class it is asked to load, to show that checking loads none. */
    private static final class RecordingLoader extends URLClassLoader {
        final List<String> requested = new CopyOnWriteArrayList<>();

        RecordingLoader(Path jar) throws IOException {
            super(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            requested.add(name);
            return super.loadClass(name, resolve);
        }
    }
}
