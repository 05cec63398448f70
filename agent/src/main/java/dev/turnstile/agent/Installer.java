package dev.turnstile.agent;

import dev.turnstile.http.Gate;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.utility.JavaModule;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

/**
 * Builds the one {@link AgentBuilder} that carries every client's advice. Classes already loaded
 * (dynamic attach) are retransformed. Nothing here logs while a class is being transformed: a
 * failed transformation is queued and reported later by {@link #drainErrors()}.
 */
final class Installer {

    private final Queue<String> errors = new ConcurrentLinkedQueue<>();

    void install(Instrumentation instrumentation, Gate gate, List<ClientInstrumentation> clients) {
        // Byte Buddy's Nexus is not needed (no LoadedTypeInitializers) and warns on JDK 25.
        System.setProperty("net.bytebuddy.nexus.disabled", "true");
        List<Class<?>> bridges = new ArrayList<>();
        for (ClientInstrumentation client : clients) {
            client.activate(gate);
            bridges.addAll(List.of(client.bridges()));
        }
        AgentBuilder.Transformer.ForAdvice advice = new AgentBuilder.Transformer.ForAdvice(
                Advice.withCustomMapping())
                .include(Installer.class.getClassLoader());
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(new Recorder())
                // The default ignores the bootstrap and platform loaders, where the JDK's clients live.
                .ignore(nameStartsWith("dev.turnstile.")
                        .or(nameStartsWith("net.bytebuddy."))
                        .or(nameStartsWith("jdk.internal.reflect."))
                        .or(nameStartsWith("sun.reflect."))
                        .or(isSynthetic()))
                .assureReadEdgeFromAndTo(instrumentation, bridges.toArray(new Class<?>[0]));
        for (ClientInstrumentation client : clients) {
            builder = client.instrument(builder, advice);
        }
        builder.installOn(instrumentation);
    }

    /** Transformation errors seen so far, each once. */
    List<String> drainErrors() {
        List<String> drained = new ArrayList<>();
        for (String error; (error = errors.poll()) != null; ) {
            drained.add(error);
        }
        return drained;
    }

    /** Records, never logs: it runs inside class loading. */
    private final class Recorder extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
            errors.add(typeName + ": " + error);
        }
    }
}
