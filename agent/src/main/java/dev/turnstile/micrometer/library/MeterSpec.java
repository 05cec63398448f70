package dev.turnstile.micrometer.library;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;

import java.util.concurrent.TimeUnit;

/**
 * One Turnstile meter: its Micrometer name, the MBean attribute it reads, and its kind. The
 * registry's naming convention makes the rest, e.g. {@code turnstile.provider.in_flight} becomes
 * Prometheus's {@code turnstile_provider_in_flight}, a counter gains {@code _total} and a time in
 * milliseconds is shown in the registry's base unit ({@code _seconds}).
 */
final class MeterSpec {

    private enum Kind { GAUGE, COUNTER, MILLIS }

    private final Kind kind;
    private final String name;
    private final String attribute;
    private final String description;
    private final Tags tags;

    private MeterSpec(Kind kind, String name, String attribute, String description, Tags tags) {
        this.kind = kind;
        this.name = name;
        this.attribute = attribute;
        this.description = description;
        this.tags = tags;
    }

    /** A value that goes up and down: calls in flight, a limit, 1 while paused. */
    static MeterSpec gauge(String name, String attribute, String description) {
        return new MeterSpec(Kind.GAUGE, name, attribute, description, Tags.empty());
    }

    /** A count that only grows (Turnstile's counters are monotonic). */
    static MeterSpec counter(String name, String attribute, String description) {
        return new MeterSpec(Kind.COUNTER, name, attribute, description, Tags.empty());
    }

    /** A duration the MBean gives in milliseconds. */
    static MeterSpec millis(String name, String attribute, String description) {
        return new MeterSpec(Kind.MILLIS, name, attribute, description, Tags.empty());
    }

    /** The same meter with one more tag: several attributes under one name, e.g. {@code quantile=0.99}. */
    MeterSpec tagged(String key, String value) {
        return new MeterSpec(kind, name, attribute, description, tags.and(key, value));
    }

    /** The MBean attribute this meter reads. */
    String attribute() {
        return attribute;
    }

    /**
     * Registers this meter on {@code registry}, reading through {@code reader}. The caller keeps
     * {@code reader}: Micrometer holds the object a meter reads only weakly.
     */
    Meter register(MeterRegistry registry, AttributeReader reader, Tags beanTags) {
        Tags tags = this.tags.and(beanTags);
        switch (kind) {
            case COUNTER:
                return FunctionCounter.builder(name, reader, r -> r.read(attribute))
                        .tags(tags).description(description).register(registry);
            case MILLIS:
                return TimeGauge.builder(name, reader, TimeUnit.MILLISECONDS, r -> r.read(attribute))
                        .tags(tags).description(description).register(registry);
            default:
                return Gauge.builder(name, reader, r -> r.read(attribute))
                        .tags(tags).description(description).register(registry);
        }
    }
}
