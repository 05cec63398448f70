package dev.turnstile.architecture;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The classes a compiled class refers to, read from its constant pool: every {@code CONSTANT_Class}
 * entry (what the code calls, creates, casts to, catches) and every class named in a descriptor or
 * generic signature there (parameter, return and field types, type arguments, annotations). String
 * constants are not references: a class named only in a string is loaded by reflection, on purpose.
 */
final class ClassReferences {

    private ClassReferences() {
    }

    /** Every {@code .class} file under {@code root}, sorted. */
    static List<Path> classFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".class")).sorted().collect(Collectors.toList());
        }
    }

    /** The internal names ({@code java/util/List}) of the classes {@code classFile} refers to, its own included. */
    static Set<String> of(Path classFile) throws IOException {
        try (InputStream in = Files.newInputStream(classFile)) {
            return of(new DataInputStream(in));
        }
    }

    private static Set<String> of(DataInputStream in) throws IOException {
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        List<Integer> classNames = new ArrayList<>();
        Set<Integer> strings = new HashSet<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF(); // the class file's modified UTF-8 is DataInput's
                case 7 -> classNames.add(in.readUnsignedShort());
                case 8 -> strings.add(in.readUnsignedShort());
                case 16, 19, 20 -> in.readUnsignedShort(); // MethodType (its descriptor is a Utf8), Module, Package
                case 15 -> in.skipBytes(3); // MethodHandle
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> { // Long and Double take two entries
                    in.skipBytes(8);
                    i++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at " + i);
            }
        }
        Set<String> referenced = new TreeSet<>();
        for (int index : classNames) {
            String name = utf8[index];
            if (name.startsWith("[")) {
                Signatures.collect(name, referenced); // an array class: its descriptor
            } else {
                referenced.add(name);
            }
            strings.add(index); // read, not to be parsed again as a signature
        }
        for (int i = 1; i < count; i++) {
            // A name (of a member, an attribute) never holds ';', a descriptor naming a class always does.
            if (utf8[i] != null && !strings.contains(i) && utf8[i].indexOf(';') >= 0) {
                Signatures.collect(utf8[i], referenced);
            }
        }
        return referenced;
    }

    /** The package of an internal class name, with dots: {@code java/util/List} gives {@code java.util}. */
    static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? "" : internalName.substring(0, slash).replace('/', '.');
    }

    /**
     * A parser of descriptors and generic signatures (JVMS 4.3 and 4.7.9.1) that collects the
     * classes they name. A string that does not parse whole (an annotation's string value) names none.
     */
    private static final class Signatures {
        private final String text;
        private final Set<String> found = new TreeSet<>();
        private int at;

        private Signatures(String text) {
            this.text = text;
        }

        static void collect(String text, Set<String> into) {
            Signatures parser = new Signatures(text);
            try {
                parser.signature();
                if (parser.at == text.length()) {
                    into.addAll(parser.found);
                }
            } catch (IllegalArgumentException | IndexOutOfBoundsException notASignature) {
                // not a descriptor: no class named
            }
        }

        /** A method signature, a class signature, or one or more field types. */
        private void signature() {
            if (peek() == '<') {
                typeParameters();
            }
            if (peek() == '(') {
                at++;
                while (peek() != ')') {
                    type();
                }
                at++;
                if (peek() == 'V') {
                    at++;
                } else {
                    type();
                }
                while (at < text.length() && peek() == '^') {
                    at++;
                    type();
                }
                return;
            }
            do {
                type();
            } while (at < text.length());
        }

        /** {@code <T:Ljava/lang/Object;U::Ljava/lang/Runnable;>}: a class bound is empty only before an interface bound. */
        private void typeParameters() {
            expect('<');
            do {
                identifier();
                do {
                    expect(':');
                    if (peek() != ':') {
                        type();
                    }
                } while (peek() == ':');
            } while (peek() != '>');
            expect('>');
        }

        private void type() {
            char c = text.charAt(at++);
            switch (c) {
                case 'B', 'C', 'D', 'F', 'I', 'J', 'S', 'Z' -> { }
                case '[' -> type();
                case 'T' -> {
                    identifier();
                    expect(';');
                }
                case 'L' -> classType();
                default -> throw new IllegalArgumentException("not a type at " + (at - 1));
            }
        }

        /** After the {@code L}: {@code pkg/Outer<args>.Inner<args>;}; the outer class names the package. */
        private void classType() {
            int start = at;
            while ("<;.".indexOf(peek()) < 0) {
                char c = text.charAt(at++);
                if ("[:>()^".indexOf(c) >= 0) {
                    throw new IllegalArgumentException("not a class name at " + (at - 1));
                }
            }
            if (at == start) {
                throw new IllegalArgumentException("empty class name at " + at);
            }
            found.add(text.substring(start, at));
            while (peek() != ';') {
                if (peek() == '<') {
                    typeArguments();
                } else {
                    expect('.');
                    identifier();
                }
            }
            at++;
        }

        private void typeArguments() {
            expect('<');
            do {
                char c = peek();
                if (c == '*') {
                    at++;
                } else {
                    if (c == '+' || c == '-') {
                        at++;
                    }
                    type();
                }
            } while (peek() != '>');
            at++;
        }

        private void identifier() {
            int start = at;
            while (".;[/<>:".indexOf(peek()) < 0) {
                at++;
            }
            if (at == start) {
                throw new IllegalArgumentException("empty identifier at " + at);
            }
        }

        private void expect(char c) {
            if (text.charAt(at++) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + (at - 1));
            }
        }

        private char peek() {
            return text.charAt(at);
        }
    }
}
