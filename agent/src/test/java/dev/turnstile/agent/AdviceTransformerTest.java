package dev.turnstile.agent;

import dev.turnstile.extension.SupportedLibrary;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.loading.ByteArrayClassLoader;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.assertj.core.api.Assertions.assertThat;

class AdviceTransformerTest {

    /** The class to change; a copy of its class file is defined in a fresh loader. */
    public static class Greeter {
        public String greet() {
            return "hello";
        }
    }

    /** Replaces the return value, so that a changed class is told from an unchanged one. */
    public static class LouderAdvice {
        @Advice.OnMethodExit
        static void exit(@Advice.Return(readOnly = false) String greeting) {
            greeting = greeting.toUpperCase();
        }
    }

    private final Queue<String> errors = new ConcurrentLinkedQueue<>();
    private final Queue<SkippedFamily> skipped = new ConcurrentLinkedQueue<>();
    private final FamilyPlan plan = new FamilyPlan("greeter",
            SupportedLibrary.of("Greeter", "any", Greeter.class.getName()));

    @Test
    void inlinesThePlannedAdviceIntoThePlannedClass() throws Exception {
        plan.type(Greeter.class.getName()).advice(named("greet"), LouderAdvice.class.getName());

        byte[] changed = transform(plan, Greeter.class);

        assertThat(changed).isNotNull();
        assertThat(errors).isEmpty();
        assertThat(skipped).isEmpty();
        assertThat(greetingOf(changed)).isEqualTo("HELLO");
    }

    @Test
    void returnsNullForAClassOutsideThePlan() throws Exception {
        plan.type("some.other.Client").advice(named("greet"), LouderAdvice.class.getName());

        assertThat(transform(plan, Greeter.class)).isNull();
        assertThat(errors).isEmpty();
    }

    @Test
    void queuesAFailureInsteadOfThrowing() throws Exception {
        plan.type(Greeter.class.getName()).advice(named("greet"), "no.such.Advice");

        assertThat(transform(plan, Greeter.class)).isNull();
        assertThat(errors).singleElement().asString().startsWith(Greeter.class.getName() + ": ");
    }

    private byte[] transform(FamilyPlan plan, Class<?> type) throws Exception {
        AdviceIndex index = new AdviceIndex();
        index.add(plan);
        AdviceTransformer transformer = new AdviceTransformer(index, null, null,
                AdviceTransformerTest.class.getClassLoader(), errors, skipped);
        byte[] original = ClassFileLocator.ForClassLoader.read(type);
        return transformer.transform(null, type.getClassLoader(), type.getName().replace('.', '/'),
                null, null, original);
    }

    private static String greetingOf(byte[] classFile) throws Exception {
        ClassLoader loader = new ByteArrayClassLoader.ChildFirst(AdviceTransformerTest.class.getClassLoader(),
                Map.of(Greeter.class.getName(), classFile));
        Class<?> changed = Class.forName(Greeter.class.getName(), true, loader);
        assertThat(changed).isNotSameAs(Greeter.class);
        return (String) changed.getMethod("greet").invoke(changed.getDeclaredConstructor().newInstance());
    }
}
