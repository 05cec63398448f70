package dev.turnstile.micrometer.library;

import java.util.List;

/**
 * Every Turnstile meter and the MBean attribute behind it. The names are the ones the Prometheus
 * JMX exporter rules and the OpenTelemetry JMX rules give (see the root README's "Metrics"), so one
 * dashboard reads all three.
 */
final class MeterCatalog {

    /** Of each {@code dev.turnstile:type=Provider,name=<id>}, tagged {@code provider=<id>}. */
    static final List<MeterSpec> PROVIDER = List.of(
            MeterSpec.gauge("turnstile.provider.in_flight", "InFlight", "Calls holding a slot now"),
            MeterSpec.gauge("turnstile.provider.queued", "Queued", "Calls waiting for a slot now"),
            MeterSpec.gauge("turnstile.provider.limit", "Limit", "Configured concurrency limit; 0 = unlimited"),
            MeterSpec.gauge("turnstile.provider.effective_limit", "EffectiveLimit",
                    "Limit in force, lower while recovering from rate limits"),
            MeterSpec.gauge("turnstile.provider.paused", "Paused", "1 while the provider is paused after a rate limit"),
            MeterSpec.millis("turnstile.provider.pause_remaining", "PauseRemainingMillis", "Time left of the pause"),
            MeterSpec.counter("turnstile.provider.started", "Started", "Calls given a slot"),
            MeterSpec.counter("turnstile.provider.completed", "Completed", "Calls that ended normally"),
            MeterSpec.counter("turnstile.provider.failed", "Failed", "Calls that ended with an error"),
            MeterSpec.counter("turnstile.provider.rate_limited", "RateLimited", "Answers that paused the provider (429 and friends)"),
            MeterSpec.counter("turnstile.provider.reclaimed", "Reclaimed", "Slots taken back by the watchdog or when a body was collected"),
            MeterSpec.counter("turnstile.provider.abandoned", "Abandoned", "Bodies dropped unclosed whose slot came back when collected"),
            MeterSpec.counter("turnstile.provider.timed_out", "TimedOut", "Calls that gave up waiting (queue timeout)"),
            MeterSpec.counter("turnstile.provider.cancelled", "Cancelled", "Calls cancelled or interrupted while queued"),
            MeterSpec.millis("turnstile.provider.wait.p50", "WaitP50Millis", "Median wait for a slot"),
            MeterSpec.millis("turnstile.provider.wait.p99", "WaitP99Millis", "99th percentile of the wait for a slot"),
            MeterSpec.millis("turnstile.provider.hold.p50", "HoldP50Millis", "Median time a slot is held"),
            MeterSpec.millis("turnstile.provider.hold.p99", "HoldP99Millis", "99th percentile of the time a slot is held"));

    /** Of {@code dev.turnstile:type=Turnstile}, over all providers. */
    static final List<MeterSpec> GLOBAL = List.of(
            MeterSpec.gauge("turnstile.in_flight", "GlobalInFlight", "Gated calls holding a slot now, all providers"),
            MeterSpec.gauge("turnstile.queued", "GlobalQueued", "Gated calls waiting for a slot now, all providers"),
            MeterSpec.gauge("turnstile.limit", "GlobalLimit", "Global concurrency limit; 0 = none"),
            MeterSpec.gauge("turnstile.enabled", "Enabled", "1 while Turnstile gates calls"));

    private MeterCatalog() {
    }
}
