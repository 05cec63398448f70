package dev.turnstile.agent;

import dev.turnstile.extension.SupportedLibrary;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Does a class loader hold the library in the shape a family needs? Read from the class files
 * the loader serves, through a Byte Buddy {@link TypePool}: no class is loaded, so the check may
 * run inside a class transformation, and the transformation goes on with the same pool (the
 * class files read here are not read twice). The shape is the family's {@link SupportedLibrary} (classes
 * and methods it names), and, for every class the family plans to change that is present, each
 * method its advice is planned for: a class that is there but lacks one would get half the advice.
 */
final class LibraryCheck {

    private LibraryCheck() {
    }

    /**
     * What the class loader that {@code pool} reads lacks of {@code family}'s shape, said in
     * words, or null when it has it all.
     */
    static String missing(FamilyPlan family, TypePool pool) {
        List<String> missing = new ArrayList<>();
        SupportedLibrary library = family.library();
        for (List<String> oneOf : library.requiredTypes()) {
            if (oneOf.stream().noneMatch(type -> describe(pool, type) != null)) {
                missing.add("no class " + String.join(" or ", oneOf));
            }
        }
        for (SupportedLibrary.Method method : library.requiredMethods()) {
            TypeDescription type = describe(pool, method.type());
            if (type == null) {
                missing.add("no class " + method.type());
            } else if (!declaresOrInherits(type, named(method.name()).and(takesArguments(method.parameters())))) {
                missing.add("no method " + method);
            }
        }
        for (Map.Entry<String, List<FamilyPlan.Entry>> planned : family.types().entrySet()) {
            TypeDescription type = describe(pool, planned.getKey());
            if (type == null) {
                continue; // not in this version: nothing planned for it is changed either
            }
            for (FamilyPlan.Entry entry : planned.getValue()) {
                if (!declares(type, entry.methods)) {
                    missing.add(type.getName() + " has no method for " + simpleName(entry.adviceClass)
                            + " matching " + unwrapped(entry.methods.toString()));
                }
            }
        }
        return missing.isEmpty() ? null : String.join("; ", missing);
    }

    /** Whether the loader that {@code pool} reads holds versions another family gates: a class that marks them is there. */
    static boolean belongsToAnotherFamily(FamilyPlan family, TypePool pool) {
        return family.library().markersOfOtherFamilies().stream().anyMatch(marker -> describe(pool, marker) != null);
    }

    /** The class as the pool reads it, or null when the loader does not serve it. */
    private static TypeDescription describe(TypePool pool, String type) {
        try {
            TypePool.Resolution resolution = pool.describe(type);
            return resolution.isResolved() ? resolution.resolve() : null;
        } catch (RuntimeException | LinkageError unreadable) {
            return null;
        }
    }

    private static boolean declares(TypeDefinition type, ElementMatcher<? super MethodDescription> methods) {
        try {
            return !type.getDeclaredMethods().filter(methods).isEmpty();
        } catch (RuntimeException | LinkageError unresolvable) {
            return false; // a parameter type the pool cannot read: not the shape we know
        }
    }

    /** Searches the class, its superclasses and its interfaces; a supertype the loader lacks is passed over. */
    private static boolean declaresOrInherits(TypeDescription type, ElementMatcher<? super MethodDescription> methods) {
        Deque<TypeDefinition> pending = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        pending.add(type);
        while (!pending.isEmpty()) {
            TypeDefinition next = pending.poll();
            try {
                if (!seen.add(next.getTypeName())) {
                    continue;
                }
                if (declares(next, methods)) {
                    return true;
                }
                TypeDefinition superClass = next.getSuperClass();
                if (superClass != null) {
                    pending.add(superClass.asErasure());
                }
                for (TypeDefinition implemented : next.getInterfaces()) {
                    pending.add(implemented.asErasure());
                }
            } catch (RuntimeException | LinkageError unresolvable) {
                // a supertype the loader does not serve
            }
        }
        return false;
    }

    /** A matcher as Byte Buddy prints it, without the parentheses around the whole. */
    private static String unwrapped(String matcher) {
        return matcher.startsWith("(") && matcher.endsWith(")") ? matcher.substring(1, matcher.length() - 1) : matcher;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
