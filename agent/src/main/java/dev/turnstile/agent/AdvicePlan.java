package dev.turnstile.agent;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which classes to change, by exact name, and which advice goes on which of their methods. Names
 * only: a class being loaded is looked up in a map, never parsed, unless it is one of ours.
 */
public final class AdvicePlan {

    /** One advice class for the methods a matcher selects. */
    static final class Entry {
        final ElementMatcher<? super MethodDescription> methods;
        final String adviceClass;

        Entry(ElementMatcher<? super MethodDescription> methods, String adviceClass) {
            this.methods = methods;
            this.adviceClass = adviceClass;
        }
    }

    /** The advice for one group of classes. */
    public static final class Types {
        private final List<Entry> entries = new ArrayList<>();

        private Types() {
        }

        /** Inlines {@code adviceClass} into every method of these types that {@code methods} selects. */
        public Types advice(ElementMatcher<? super MethodDescription> methods, String adviceClass) {
            entries.add(new Entry(methods, adviceClass));
            return this;
        }
    }

    /** Keyed by internal name ({@code a/b/C}), as a class file transformer is told. */
    private final Map<String, List<Types>> byInternalName = new HashMap<>();

    /** Classes, by binary name, that get the advice added next. */
    public Types type(String... binaryNames) {
        Types types = new Types();
        for (String name : binaryNames) {
            byInternalName.computeIfAbsent(name.replace('.', '/'), key -> new ArrayList<>()).add(types);
        }
        return types;
    }

    /** The advice for a class, by internal name; empty when the class is not to be changed. */
    List<Entry> entriesFor(String internalName) {
        List<Types> types = byInternalName.get(internalName);
        if (types == null) {
            return Collections.emptyList();
        }
        List<Entry> entries = new ArrayList<>();
        for (Types group : types) {
            entries.addAll(group.entries);
        }
        return entries;
    }

    boolean covers(String binaryName) {
        return byInternalName.containsKey(binaryName.replace('.', '/'));
    }
}
