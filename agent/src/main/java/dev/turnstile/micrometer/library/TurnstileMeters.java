package dev.turnstile.micrometer.library;

import dev.turnstile.micrometer.MeterBinding;
import io.micrometer.core.instrument.Metrics;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turnstile's meters in this Micrometer's global registry, bound once, when the first registry
 * joins it (Spring Boot adds its registry there unless {@code management.metrics.use-global-registry}
 * is false). Registered on the global composite, the meters reach each registry it holds now and
 * every one added later. Defined next to the application's Micrometer by the agent's helper loader:
 * one class, and so one binding, per Micrometer.
 */
public final class TurnstileMeters implements MeterBinding {

    private static final AtomicBoolean BOUND = new AtomicBoolean();
    /** Held here for the life of this Micrometer: the meters read through it. */
    private static volatile MBeanMeters meters;

    @Override
    public void registryAdded(Object composite) {
        if (composite != Metrics.globalRegistry || !BOUND.compareAndSet(false, true)) {
            return;
        }
        MBeanMeters binding = new MBeanMeters(ManagementFactory.getPlatformMBeanServer(), Metrics.globalRegistry);
        try {
            binding.start();
            meters = binding;
        } catch (Exception notBound) {
            throw new IllegalStateException("could not bind Turnstile's meters to the global registry", notBound);
        }
    }
}
