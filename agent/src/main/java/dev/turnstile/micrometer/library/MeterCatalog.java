package dev.turnstile.micrometer.library;

import java.util.List;

/**
 * Every Turnstile meter and the MBean attribute behind it. The names are those of the Prometheus
 * JMX exporter rules and the OpenTelemetry JMX rules Turnstile ships (see the root README's
 * "Metrics"), so one dashboard reads all three: Micrometer's Prometheus registry turns
 * {@code turnstile.provider.calls.started} into {@code turnstile_provider_calls_started_total}.
 * Counters read the {@code ...Total} attributes, which {@code resetStatistics()} never lowers; wait
 * and hold percentiles are those of the last minute.
 */
final class MeterCatalog {

    /** Of each {@code dev.turnstile:type=Provider,name=<id>}, tagged {@code provider=<id>}. */
    static final List<MeterSpec> PROVIDER = List.of(
            MeterSpec.gauge("turnstile.provider.limit", "Limit", "Configured concurrency limit; 0 = unlimited"),
            MeterSpec.gauge("turnstile.provider.effective_limit", "EffectiveLimit",
                    "Limit in force, lower while recovering from rate limits"),
            MeterSpec.gauge("turnstile.provider.in_flight", "InFlight", "Calls holding a slot now"),
            MeterSpec.gauge("turnstile.provider.queued", "Queued", "Calls waiting for a slot now"),
            MeterSpec.gauge("turnstile.provider.paused", "Paused", "1 while the provider is paused"),
            MeterSpec.millis("turnstile.provider.pause_remaining", "PauseRemainingMillis", "Time left of the pause"),
            MeterSpec.counter("turnstile.provider.calls.started", "StartedTotal", "Calls that got a slot"),
            MeterSpec.counter("turnstile.provider.calls.completed", "CompletedTotal",
                    "Calls whose response body ended or was closed"),
            MeterSpec.counter("turnstile.provider.calls.failed", "FailedTotal",
                    "Calls that failed or were cancelled after they got a slot"),
            MeterSpec.counter("turnstile.provider.calls.rate_limited", "RateLimitedTotal",
                    "Responses with a back-off status (429, 529)"),
            MeterSpec.counter("turnstile.provider.calls.reclaimed", "ReclaimedTotal",
                    "Slots taken back by the watchdog or when a body was collected"),
            MeterSpec.counter("turnstile.provider.calls.abandoned", "AbandonedTotal",
                    "Bodies dropped unclosed whose slot came back when they were collected"),
            MeterSpec.counter("turnstile.provider.calls.timed_out", "TimedOutTotal",
                    "Calls that gave up waiting in the queue"),
            MeterSpec.counter("turnstile.provider.calls.cancelled", "CancelledTotal",
                    "Calls cancelled or interrupted while queued"),
            MeterSpec.counter("turnstile.provider.pauses", "PausesTotal", "Pauses that began"),
            MeterSpec.millis("turnstile.provider.wait", "WaitP50Millis1m", "Wait for a slot, last minute")
                    .tagged("quantile", "0.5"),
            MeterSpec.millis("turnstile.provider.wait", "WaitP99Millis1m", "Wait for a slot, last minute")
                    .tagged("quantile", "0.99"),
            MeterSpec.millis("turnstile.provider.hold", "HoldP50Millis1m", "Hold of a slot, last minute")
                    .tagged("quantile", "0.5"),
            MeterSpec.millis("turnstile.provider.hold", "HoldP99Millis1m", "Hold of a slot, last minute")
                    .tagged("quantile", "0.99"));

    /** Of {@code dev.turnstile:type=Turnstile}, over all providers. */
    static final List<MeterSpec> GLOBAL = List.of(
            MeterSpec.gauge("turnstile.global.limit", "GlobalLimit", "Global concurrency limit; 0 = none"),
            MeterSpec.gauge("turnstile.global.in_flight", "GlobalInFlight", "Gated calls holding a slot now, all providers"),
            MeterSpec.gauge("turnstile.global.queued", "GlobalQueued", "Gated calls waiting for a slot now, all providers"),
            MeterSpec.gauge("turnstile.enabled", "Enabled", "1 while Turnstile gates calls"));

    private MeterCatalog() {
    }
}
