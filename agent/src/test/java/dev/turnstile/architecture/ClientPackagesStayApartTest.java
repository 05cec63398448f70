package dev.turnstile.architecture;

import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client families stay apart, and apart from the rest of the agent: a class of a family's
 * package (or its subpackages) names no other family, and no class outside the families names
 * one. Start-up finds the families through the service file, so adding one touches nothing
 * shared. Read from the constant pools of the compiled classes: every class, method and field
 * reference, descriptor, signature and string constant, in binary ({@code a.b.C}) or internal
 * ({@code a/b/C}) form, so a reference added anywhere later fails here.
 */
class ClientPackagesStayApartTest {

    /** The client families' packages, under {@code dev.turnstile}. */
    static final List<String> FAMILIES = List.of("jdkhttp", "urlconnection", "okhttp", "apache4", "apache5", "reactornetty", "jetty",
            "vertx", "vertx4", "micrometer", "sockets");

    private static final Path CLASSES = Paths.get("target/classes");

    @Test
    void noClassNamesAClientFamilyOtherThanItsOwn() throws IOException {
        List<String> crossings = new ArrayList<>();
        List<Path> files = classFiles();
        for (Path file : files) {
            String own = familyOf(CLASSES.relativize(file).toString().replace('\\', '/'));
            for (String named : familiesNamedIn(file)) {
                if (!named.equals(own)) {
                    crossings.add(CLASSES.relativize(file) + " names " + named);
                }
            }
        }

        assertThat(files).as("compiled agent classes").hasSizeGreaterThan(100);
        assertThat(files).as("classes of every family").anySatisfy(file -> assertThat(familyOf(file)).isEqualTo("okhttp"))
                .anySatisfy(file -> assertThat(familyOf(file)).isEqualTo("apache5"));
        assertThat(crossings).as("classes naming another client family").isEmpty();
    }

    @Test
    void theConstantPoolReaderSeesEveryKindOfReference() throws IOException {
        assertThat(familiesNamedIn(CLASSES.resolve("dev/turnstile/okhttp/OkHttpHooks.class")))
                .as("a field type and a string constant of its own family").containsExactly("okhttp");
        assertThat(familiesNamedIn(CLASSES.resolve("dev/turnstile/apache5/library/Apache5Adapter.class")))
                .as("an interface from the family's parent package").contains("apache5");
        assertThat(familiesNamedIn(CLASSES.resolve("dev/turnstile/agent/Installer.class")))
                .as("start-up names no family").isEmpty();
    }

    private static List<Path> classFiles() throws IOException {
        assertThat(CLASSES).as("run from the agent module after compile").isDirectory();
        try (Stream<Path> walk = Files.walk(CLASSES)) {
            return walk.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList());
        }
    }

    /** The family a class (by path or internal name) belongs to, or null for shared code. */
    private static String familyOf(Object classPath) {
        String path = classPath.toString().replace('\\', '/');
        int root = path.indexOf("dev/turnstile/");
        if (root < 0) {
            return null;
        }
        String rest = path.substring(root + "dev/turnstile/".length());
        int slash = rest.indexOf('/');
        String first = slash < 0 ? rest : rest.substring(0, slash);
        return FAMILIES.contains(first) && slash >= 0 ? first : null;
    }

    /** Every family a class file's constant pool names, in any of its text entries. */
    static Set<String> familiesNamedIn(Path classFile) throws IOException {
        Set<String> named = new TreeSet<>();
        for (String text : utf8Constants(classFile)) {
            String internal = text.replace('.', '/');
            for (String family : FAMILIES) {
                if (internal.contains("dev/turnstile/" + family + "/")) {
                    named.add(family);
                }
            }
        }
        return named;
    }

    /** The CONSTANT_Utf8 entries of a class file: every name, descriptor, signature and string the class uses. */
    private static List<String> utf8Constants(Path classFile) throws IOException {
        List<String> texts = new ArrayList<>();
        try (InputStream file = Files.newInputStream(classFile); DataInputStream in = new DataInputStream(file)) {
            assertThat(in.readInt()).as("class file magic of " + classFile).isEqualTo(0xCAFEBABE);
            in.readUnsignedShort(); // minor version
            in.readUnsignedShort(); // major version
            int count = in.readUnsignedShort();
            for (int index = 1; index < count; index++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1: // Utf8
                        texts.add(in.readUTF());
                        break;
                    case 7: case 8: case 16: case 19: case 20: // Class, String, MethodType, Module, Package
                        in.skipBytes(2);
                        break;
                    case 15: // MethodHandle
                        in.skipBytes(3);
                        break;
                    case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
                        in.skipBytes(4); // Integer, Float, the member references, NameAndType, (Invoke)Dynamic
                        break;
                    case 5: case 6: // Long, Double: two slots
                        in.skipBytes(8);
                        index++;
                        break;
                    default:
                        throw new IOException("unknown constant pool tag " + tag + " in " + classFile);
                }
            }
        }
        return texts;
    }
}
