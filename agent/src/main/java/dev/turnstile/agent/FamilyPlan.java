package dev.turnstile.agent;

import dev.turnstile.blocking.BlockingAttemptAdvice;
import dev.turnstile.blocking.BlockingExecuteAdvice;
import dev.turnstile.extension.AdvicePlan;
import dev.turnstile.extension.SupportedLibrary;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;

/**
 * One family's plan, as the family wrote it through {@link AdvicePlan}, and whether each class
 * loader gets it: the family's {@link SupportedLibrary} is checked in a loader before the first of
 * its classes is changed there, and the verdict is kept for that loader.
 */
final class FamilyPlan implements AdvicePlan {

    /** One advice class for the methods a matcher selects, in one family. */
    static final class Entry {
        final FamilyPlan family;
        final ElementMatcher<? super MethodDescription> methods;
        final String adviceClass;

        Entry(FamilyPlan family, ElementMatcher<? super MethodDescription> methods, String adviceClass) {
            this.family = family;
            this.methods = methods;
            this.adviceClass = adviceClass;
        }
    }

    private final String name;
    private final SupportedLibrary library;
    private final Map<String, List<Entry>> byBinaryName = new LinkedHashMap<>();
    private final Map<String, Set<String>> blockingClients = new LinkedHashMap<>();
    private final LoaderVerdicts verdicts = new LoaderVerdicts();

    FamilyPlan(String name, SupportedLibrary library) {
        this.name = name;
        this.library = library;
    }

    @Override
    public Types type(String... binaryNames) {
        List<String> names = Arrays.asList(binaryNames.clone());
        return new Types() {
            @Override
            public Types advice(ElementMatcher<? super MethodDescription> methods, String adviceClass) {
                add(names, methods, adviceClass);
                return this;
            }
        };
    }

    @Override
    public BlockingClient blockingClient(String libraryClass) {
        Set<String> planned = blockingClients.computeIfAbsent(libraryClass, key -> new LinkedHashSet<>());
        return new BlockingClient() {
            @Override
            public BlockingClient execute(ElementMatcher<? super MethodDescription> methods, String... binaryNames) {
                return door(methods, BlockingExecuteAdvice.class, binaryNames);
            }

            @Override
            public BlockingClient attempt(ElementMatcher<? super MethodDescription> methods, String... binaryNames) {
                return door(methods, BlockingAttemptAdvice.class, binaryNames);
            }

            private BlockingClient door(ElementMatcher<? super MethodDescription> methods, Class<?> advice,
                                        String... binaryNames) {
                List<String> names = Arrays.asList(binaryNames.clone());
                add(names, methods, advice.getName());
                planned.addAll(names);
                return this;
            }
        };
    }

    private void add(List<String> binaryNames, ElementMatcher<? super MethodDescription> methods, String adviceClass) {
        Entry entry = new Entry(this, methods, adviceClass);
        for (String binaryName : binaryNames) {
            byBinaryName.computeIfAbsent(binaryName, key -> new ArrayList<>()).add(entry);
        }
    }

    String name() {
        return name;
    }

    SupportedLibrary library() {
        return library;
    }

    /** The planned classes by binary name, each with its advice. */
    Map<String, List<Entry>> types() {
        return Collections.unmodifiableMap(byBinaryName);
    }

    /** The shared blocking door's clients: library class, and the planned classes it serves. */
    Map<String, Set<String>> blockingClients() {
        return Collections.unmodifiableMap(blockingClients);
    }

    /**
     * Whether this family's advice goes into classes of {@code loader}: decided the first time one
     * of its classes ({@code className}) is transformed there, from the class files {@code pool}
     * reads from that loader, and kept. A loader left out is queued once in {@code skipped},
     * unless it holds versions another family gates.
     */
    boolean admits(ClassLoader loader, String className, TypePool pool, Queue<SkippedFamily> skipped) {
        Boolean known = verdicts.get(loader);
        if (known != null) {
            return known;
        }
        if (LibraryCheck.belongsToAnotherFamily(this, pool)) {
            verdicts.putFirst(loader, false); // the other family speaks for this loader
            return verdicts.get(loader);
        }
        String missing = LibraryCheck.missing(this, pool);
        if (verdicts.putFirst(loader, missing == null) && missing != null) {
            skipped.add(new SkippedFamily(name, library, loader, className, missing));
        }
        return verdicts.get(loader);
    }
}
