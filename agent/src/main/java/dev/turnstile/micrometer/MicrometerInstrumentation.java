package dev.turnstile.micrometer;

import dev.turnstile.bootstrap.MicrometerBridge;
import dev.turnstile.extension.AdvicePlan;
import dev.turnstile.extension.ClientInstrumentation;
import dev.turnstile.extension.SupportedLibrary;
import dev.turnstile.http.Gate;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Micrometer 1.1 and later (tested: 1.15.12, with Spring Boot 3.5): Turnstile's meters in
 * {@code Metrics.globalRegistry}, and from there in every registry it holds. 1.1 gave
 * {@code MeterRegistry.remove}, which takes a removed provider's meters away. Gates no call.
 */
public final class MicrometerInstrumentation implements ClientInstrumentation {

    private static final String COMPOSITE = "io.micrometer.core.instrument.composite.CompositeMeterRegistry";
    private static final String REGISTRY = "io.micrometer.core.instrument.MeterRegistry";

    @Override
    public String name() {
        return "micrometer-meters";
    }

    @Override
    public SupportedLibrary library() {
        return SupportedLibrary.of("Micrometer", "1.1 and later; tested: 1.15.12", "io.micrometer.core.instrument.Metrics")
                .requiresClass("io.micrometer.core.instrument.Metrics")
                .requiresClass("io.micrometer.core.instrument.FunctionCounter")
                .requiresClass("io.micrometer.core.instrument.TimeGauge")
                .requiresMethod(REGISTRY, "remove", 1);
    }

    @Override
    public void instrument(AdvicePlan plan) {
        plan.type(COMPOSITE)
                .advice(named("add").and(isPublic()).and(takesArguments(1)), RegistryAddedAdvice.class.getName());
    }

    @Override
    public void activate(Gate gate) {
        MicrometerBridge.install(new MicrometerHooks());
    }
}
