package dev.turnstile.agent;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.pool.TypePool;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;

/**
 * Inlines the planned advice into the planned classes, and nothing else: every other class costs a
 * map look-up. Byte Buddy's {@code AgentBuilder} would do the same but, on each start, first
 * generates a transformer class of its own and loads a few hundred classes to do so; our matchers
 * are plain names, which this class handles directly. The class file keeps its format (no new
 * members), so a loaded class can be retransformed.
 *
 * <p>A family's advice goes into a class only when the family's library has the shape the family
 * needs in that class's loader ({@link FamilyPlan#admits}): checked before the family's first class
 * there is changed, so a family is applied whole or not at all. Never logs: failures and families
 * left out are queued.
 */
final class AdviceTransformer implements ClassFileTransformer {

    private final AdviceIndex index;
    private final Instrumentation instrumentation;
    private final Module bridges;
    private final ClassLoader agentLoader;
    private final Queue<String> errors;
    private final Queue<SkippedFamily> skipped;

    /** Made at the first transformation, not at start: creating it costs some 30 ms of class loading. */
    private static final class Lazy {
        static final ByteBuddy BYTE_BUDDY = new ByteBuddy()
                .with(TypeValidation.DISABLED)
                .with(Implementation.Context.Disabled.Factory.INSTANCE);
    }

    /** @param bridges the module of the bootstrap bridges, which every advice calls */
    AdviceTransformer(AdviceIndex index, Instrumentation instrumentation, Module bridges,
                      ClassLoader agentLoader, Queue<String> errors, Queue<SkippedFamily> skipped) {
        this.index = index;
        this.instrumentation = instrumentation;
        this.bridges = bridges;
        this.agentLoader = agentLoader;
        this.errors = errors;
        this.skipped = skipped;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> redefined,
                            ProtectionDomain domain, byte[] classFile) {
        if (internalName == null) {
            return null;
        }
        List<FamilyPlan.Entry> planned = index.entriesFor(internalName);
        if (planned.isEmpty()) {
            return null;
        }
        String name = internalName.replace('/', '.');
        try {
            // Last, the system loader: another agent (OpenTelemetry's) may have added its own
            // bootstrap types to a JDK class before us, and those class files are found in its
            // -javaagent jar on the class path, not as boot loader resources.
            ClassFileLocator locator = new ClassFileLocator.Compound(
                    ClassFileLocator.Simple.of(name, classFile),
                    ClassFileLocator.ForClassLoader.of(loader),
                    ClassFileLocator.ForClassLoader.of(agentLoader),
                    ClassFileLocator.ForClassLoader.ofSystemLoader());
            TypePool pool = new LoadedTypeFallbackPool(locator, loader);
            List<FamilyPlan.Entry> entries = admitted(planned, loader, name, pool);
            if (entries.isEmpty()) {
                return null;
            }
            TypeDescription type = pool.describe(name).resolve();
            DynamicType.Builder<?> builder = Lazy.BYTE_BUDDY.decorate(type, locator);
            for (FamilyPlan.Entry entry : entries) {
                Advice advice = Advice.to(pool.describe(entry.adviceClass).resolve(), locator);
                builder = builder.visit(advice.on(entry.methods));
            }
            byte[] changed = builder.make(pool).getBytes();
            addReadEdges(module);
            return changed;
        } catch (Throwable failure) {
            errors.add(name + ": " + failure);
            return null;
        }
    }

    /** The planned advice of the families whose library in {@code loader} has the shape they need. */
    private List<FamilyPlan.Entry> admitted(List<FamilyPlan.Entry> planned, ClassLoader loader, String name,
                                            TypePool pool) {
        List<FamilyPlan.Entry> admitted = new ArrayList<>(planned.size());
        for (FamilyPlan.Entry entry : planned) {
            if (entry.family.admits(loader, name, pool, skipped)) {
                admitted.add(entry);
            }
        }
        return admitted;
    }

    /** Advice in a named module (the JDK's clients) calls the bridges, which that module must read. */
    private void addReadEdges(Module module) {
        if (module != null && module.isNamed() && !module.canRead(bridges)) {
            instrumentation.redefineModule(module, Set.of(bridges), Map.of(), Map.of(), Set.of(), Map.of());
        }
    }
}
