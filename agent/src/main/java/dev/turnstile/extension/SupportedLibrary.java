package dev.turnstile.extension;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The library a family changes, the versions it supports, said plainly, and the shape of those
 * versions: the classes and methods the family's code needs beyond the ones its advice goes on
 * (those are checked anyway). The agent checks the shape in each class loader, from the class
 * files and without loading a class, before it changes the first of the family's classes there;
 * where part of it is missing, the family is left out of that loader and one line says so.
 *
 * <p>Name what sets the lowest supported version (a method added in that release), not every
 * method the family calls: the integration tests run the family on the oldest version it names.
 * Immutable: each {@code requires} returns a new value.
 */
public final class SupportedLibrary {

    private final String name;
    private final String versions;
    private final String probeClass;
    private final List<List<String>> types;
    private final List<Method> methods;
    private final List<String> otherFamilies;

    private SupportedLibrary(String name, String versions, String probeClass, List<List<String>> types,
                             List<Method> methods, List<String> otherFamilies) {
        this.name = name;
        this.versions = versions;
        this.probeClass = probeClass;
        this.types = Collections.unmodifiableList(types);
        this.methods = Collections.unmodifiableList(methods);
        this.otherFamilies = Collections.unmodifiableList(otherFamilies);
    }

    /**
     * @param name       the library as its users call it, e.g. {@code OkHttp}
     * @param versions   the supported versions in words, e.g. {@code 3.9 and later, 4.x, 5.x; tested: 3.14.9, 4.12.0, 5.5.1}
     * @param probeClass a class of the library whose presence on the system class path the start
     *                   line reports, and whose jar names the version in a report
     */
    public static SupportedLibrary of(String name, String versions, String probeClass) {
        return new SupportedLibrary(name, versions, probeClass, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }

    /** Needs this class, by binary name ({@code a.b.C$D}). */
    public SupportedLibrary requiresClass(String binaryName) {
        return requiresOneOf(binaryName);
    }

    /** Needs one of these classes, by binary name: the same class under another name in some versions. */
    public SupportedLibrary requiresOneOf(String... binaryNames) {
        List<List<String>> more = new ArrayList<>(types);
        more.add(Collections.unmodifiableList(Arrays.asList(binaryNames.clone())));
        return new SupportedLibrary(name, versions, probeClass, more, methods, otherFamilies);
    }

    /** Needs a method of {@code type}, declared there or inherited, by name and number of parameters. */
    public SupportedLibrary requiresMethod(String type, String method, int parameters) {
        List<Method> more = new ArrayList<>(methods);
        more.add(new Method(type, method, parameters));
        return new SupportedLibrary(name, versions, probeClass, types, more, otherFamilies);
    }

    /**
     * Where this class, by binary name, is present, the library is in versions another family
     * gates (the same classes, another major version): this family is left out of that loader
     * without a word, since the other family speaks for it.
     */
    public SupportedLibrary stepsAsideWhere(String binaryName) {
        List<String> more = new ArrayList<>(otherFamilies);
        more.add(binaryName);
        return new SupportedLibrary(name, versions, probeClass, types, methods, more);
    }

    public String name() {
        return name;
    }

    public String versions() {
        return versions;
    }

    public String probeClass() {
        return probeClass;
    }

    /** Each entry: classes of which one must be present. */
    public List<List<String>> requiredTypes() {
        return types;
    }

    public List<Method> requiredMethods() {
        return methods;
    }

    /** Classes that mark versions another family gates; see {@link #stepsAsideWhere}. */
    public List<String> markersOfOtherFamilies() {
        return otherFamilies;
    }

    /** A method the family needs. */
    public static final class Method {
        private final String type;
        private final String name;
        private final int parameters;

        Method(String type, String name, int parameters) {
            this.type = type;
            this.name = name;
            this.parameters = parameters;
        }

        public String type() {
            return type;
        }

        public String name() {
            return name;
        }

        public int parameters() {
            return parameters;
        }

        @Override
        public String toString() {
            return type + "." + name + " with " + parameters + (parameters == 1 ? " parameter" : " parameters");
        }
    }
}
