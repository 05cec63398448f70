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
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;

/**
 * Inlines the planned advice into the planned classes, and nothing else: every other class costs a
 * map look-up. Byte Buddy's {@code AgentBuilder} would do the same but, on each start, first
 * generates a transformer class of its own and loads a few hundred classes to do so; our matchers
 * are plain names, which this class handles directly. The class file keeps its format (no new
 * members), so a loaded class can be retransformed. Never logs: failures are queued.
 */
final class AdviceTransformer implements ClassFileTransformer {

    private final AdvicePlan plan;
    private final Instrumentation instrumentation;
    private final Set<Module> bridgeModules;
    private final ClassLoader agentLoader;
    private final Queue<String> errors;

    /** Made at the first transformation, not at start: creating it costs some 30 ms of class loading. */
    private static final class Lazy {
        static final ByteBuddy BYTE_BUDDY = new ByteBuddy()
                .with(TypeValidation.DISABLED)
                .with(Implementation.Context.Disabled.Factory.INSTANCE);
    }

    AdviceTransformer(AdvicePlan plan, Instrumentation instrumentation, Set<Module> bridgeModules,
                      ClassLoader agentLoader, Queue<String> errors) {
        this.plan = plan;
        this.instrumentation = instrumentation;
        this.bridgeModules = bridgeModules;
        this.agentLoader = agentLoader;
        this.errors = errors;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> redefined,
                            ProtectionDomain domain, byte[] classFile) {
        if (internalName == null) {
            return null;
        }
        List<AdvicePlan.Entry> entries = plan.entriesFor(internalName);
        if (entries.isEmpty()) {
            return null;
        }
        String name = internalName.replace('/', '.');
        try {
            ClassFileLocator locator = new ClassFileLocator.Compound(
                    ClassFileLocator.Simple.of(name, classFile),
                    ClassFileLocator.ForClassLoader.of(loader),
                    ClassFileLocator.ForClassLoader.of(agentLoader));
            TypePool pool = TypePool.Default.of(locator);
            TypeDescription type = pool.describe(name).resolve();
            DynamicType.Builder<?> builder = Lazy.BYTE_BUDDY.decorate(type, locator);
            for (AdvicePlan.Entry entry : entries) {
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

    /** Advice in a named module (the JDK's clients) calls the bridges, which that module must read. */
    private void addReadEdges(Module module) {
        if (module == null || !module.isNamed()) {
            return;
        }
        for (Module bridge : bridgeModules) {
            if (!module.canRead(bridge)) {
                instrumentation.redefineModule(module, Set.of(bridge), Map.of(), Map.of(), Set.of(), Map.of());
            }
        }
    }
}
