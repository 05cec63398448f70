package dev.turnstile.agent;

import dev.turnstile.http.Gate;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Puts every client's advice in place: one {@link AdviceTransformer} for the classes still to
 * load, and a retransformation of those already loaded (dynamic attach, or another agent came
 * first; at an ordinary start there are none). Nothing here logs while a class is being
 * transformed: a failed transformation is queued and reported later by {@link #drainErrors()}.
 */
final class Installer {

    private final Queue<String> errors = new ConcurrentLinkedQueue<>();

    void install(Instrumentation instrumentation, Gate gate, List<ClientInstrumentation> clients) {
        AdvicePlan plan = new AdvicePlan();
        Set<Module> bridgeModules = new HashSet<>();
        for (ClientInstrumentation client : clients) {
            client.activate(gate);
            for (Class<?> bridge : client.bridges()) {
                bridgeModules.add(bridge.getModule());
            }
            client.instrument(plan);
        }
        boolean retransforming = instrumentation.isRetransformClassesSupported();
        instrumentation.addTransformer(new AdviceTransformer(plan, instrumentation, bridgeModules,
                Installer.class.getClassLoader(), errors), retransforming);
        if (retransforming) {
            retransformLoaded(instrumentation, plan);
        }
        warmUpInBackground(clients);
    }

    /**
     * Byte Buddy's first transformation loads some 800 classes; doing it here, off the start-up path,
     * lets the application start meanwhile. Gating does not depend on it: the transformer is in
     * place, and a thread that needs a class being transformed waits for it.
     */
    private void warmUpInBackground(List<ClientInstrumentation> clients) {
        Thread warmUp = new Thread(() -> {
            for (ClientInstrumentation client : clients) {
                try {
                    client.warmUp();
                } catch (Throwable failure) {
                    errors.add(client.name() + " warm-up: " + failure);
                }
            }
        }, "turnstile-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /** Changes the planned classes that were loaded before the transformer was in place. */
    private void retransformLoaded(Instrumentation instrumentation, AdvicePlan plan) {
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (plan.covers(type.getName()) && instrumentation.isModifiableClass(type)) {
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
}
