package dev.turnstile.agent;

import dev.turnstile.blocking.BlockingClientHooks;
import dev.turnstile.bootstrap.BlockingClientBridge;
import dev.turnstile.extension.ClientInstrumentation;
import dev.turnstile.http.Gate;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Puts every family's advice in place: connects its hooks to the gate, collects its plan, installs
 * the shared blocking door for the families that use it, and adds one {@link AdviceTransformer}
 * for the classes still to load, then retransforms those already loaded (dynamic attach, or
 * another agent came first; at an ordinary start there are none). Nothing here logs while a class
 * is being transformed: a failed transformation, and a family left out of a class loader whose
 * library it does not support, are queued, and reported later by {@link #drainErrors()} and {@link #drainSkipped()}.
 */
final class Installer {

    private final Queue<String> errors = new ConcurrentLinkedQueue<>();
    private final Queue<SkippedFamily> skipped = new ConcurrentLinkedQueue<>();

    void install(Instrumentation instrumentation, Gate gate, List<ClientInstrumentation> families) {
        AdviceIndex index = new AdviceIndex();
        BlockingClientHooks blocking = new BlockingClientHooks(gate);
        List<ClientInstrumentation> installed = new ArrayList<>();
        for (ClientInstrumentation family : families) {
            try {
                FamilyPlan plan = new FamilyPlan(family.name(), family.library());
                family.instrument(plan);
                for (Map.Entry<String, Set<String>> client : plan.blockingClients().entrySet()) {
                    blocking.add(family.name(), client.getKey(), client.getValue());
                }
                family.activate(gate);
                index.add(plan);
                installed.add(family);
            } catch (Throwable failure) {
                errors.add(family.name() + ": " + failure); // that family stays out; the others go on
            }
        }
        BlockingClientBridge.install(blocking);
        boolean retransforming = instrumentation.isRetransformClassesSupported();
        instrumentation.addTransformer(new AdviceTransformer(index, instrumentation,
                BlockingClientBridge.class.getModule(), Installer.class.getClassLoader(), errors, skipped),
                retransforming);
        if (retransforming) {
            retransformLoaded(instrumentation, index);
        }
        warmUpInBackground(installed);
    }

    /**
     * Byte Buddy's first transformation loads some 800 classes; doing it here, off the start-up path,
     * lets the application start meanwhile. Gating does not depend on it: the transformer is in
     * place, and a thread that needs a class being transformed waits for it.
     */
    private void warmUpInBackground(List<ClientInstrumentation> families) {
        Thread warmUp = new Thread(() -> {
            for (ClientInstrumentation family : families) {
                try {
                    family.warmUp();
                } catch (Throwable failure) {
                    errors.add(family.name() + " warm-up: " + failure);
                }
            }
        }, "turnstile-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /** Changes the planned classes that were loaded before the transformer was in place. */
    private void retransformLoaded(Instrumentation instrumentation, AdviceIndex index) {
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (index.covers(type.getName()) && instrumentation.isModifiableClass(type)) {
                loaded.add(type);
            }
        }
        if (loaded.isEmpty()) {
            return;
        }
        try {
            instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
        } catch (Throwable failure) {
            errors.add(loaded + ": " + failure);
        }
    }

    /** Transformation errors seen so far, each once. */
    List<String> drainErrors() {
        List<String> drained = new ArrayList<>();
        for (String error; (error = errors.poll()) != null; ) {
            drained.add(error);
        }
        return drained;
    }

    /**
     * Families left out of a class loader since the last call, one line each. Describing one
     * opens its library's jar for the version: call it off class loading.
     */
    List<String> drainSkipped() {
        List<String> drained = new ArrayList<>();
        for (SkippedFamily family; (family = skipped.poll()) != null; ) {
            drained.add(family.describe());
        }
        return drained;
    }
}
