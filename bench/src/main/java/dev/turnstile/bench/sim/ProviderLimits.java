package dev.turnstile.bench.sim;

import java.util.Locale;

/**
 * A provider's three hidden limits for one run (concurrency cap, requests and tokens per minute),
 * of which {@code binding} is the one the workload runs into; the others are set loose.
 */
record ProviderLimits(Binding binding, ChangingCapacity concurrency, ChangingCapacity requestsPerMinute,
                      ChangingCapacity tokensPerMinute) {

    /** The limit a run's capacity is measured on. */
    enum Binding {
        CONCURRENCY("concurrency", "calls at once"),
        REQUESTS("requests per minute", "requests/min"),
        TOKENS("tokens per minute", "tokens/min");

        final String label;
        final String unit;

        Binding(String label, String unit) {
            this.label = label;
            this.unit = unit;
        }
    }

    /** When the run ends (the three schedules share it). */
    double endSeconds() {
        return binds().endSeconds();
    }

    /** The binding limit's schedule. */
    ChangingCapacity binds() {
        switch (binding) {
            case CONCURRENCY:
                return concurrency;
            case REQUESTS:
                return requestsPerMinute;
            default:
                return tokensPerMinute;
        }
    }

    /** A fresh provider with these limits, on the caller's clock. */
    SimProvider provider() {
        return new SimProvider(concurrency::at, new MinuteBudget(requestsPerMinute::at),
                new MinuteBudget(tokensPerMinute::at), Setup.RETRY_AFTER_SECONDS, Setup.REJECT_SECONDS);
    }

    /** The cell's name: what binds, and whether it changes. */
    String label() {
        return binding.label + (binds().changes() ? ", changing" : "");
    }

    String describe() {
        return String.format(Locale.ROOT, "cap %s; %s; %s", concurrency.describe("calls at once"),
                requestsPerMinute.describe("requests/min"), tokensPerMinute.describe("tokens/min"));
    }
}
