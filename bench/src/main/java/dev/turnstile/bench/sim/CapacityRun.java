package dev.turnstile.bench.sim;

import java.util.Random;
import java.util.function.Function;

/**
 * One run against a provider with hidden limits ({@link ProviderLimits}), for a fixed span of
 * virtual time, measuring how much of the binding limit's capacity served calls, per phase
 * (before, during and after a change of it). Every {@link #SAMPLE_SECONDS} it samples:
 * <ul>
 *   <li>concurrency: slot-seconds serving a call (at most the cap at that moment) against
 *       slot-seconds the cap offered;</li>
 *   <li>a budget: requests (or tokens) of the calls served against what the budget let through:
 *       its refill over the time, plus the full minute's bucket it starts with.</li>
 * </ul>
 *
 * @param used      capacity that served calls, per phase
 * @param capacity  capacity the provider offered, per phase
 * @param calls     the calls and turns of the run (turns that ended before the run did)
 */
record CapacityRun(double[] used, double[] capacity, RunResult calls) {

    static final double SAMPLE_SECONDS = 0.1;
    static final int PHASES = 3;

    /** No gate when {@code rule} is null; else Turnstile (oldest turn first) with that rule. */
    static CapacityRun run(Workload workload, ProviderLimits limits, LimitRule rule, int limit, long seed) {
        return run(workload, limits, clock -> rule == null ? Gate.direct()
                : new TurnstileGate(clock, limit, false, new Random(seed), rule), seed);
    }

    /** The same with the gate {@code gates} makes on the run's clock. */
    static CapacityRun run(Workload workload, ProviderLimits limits, Function<VirtualClock, Gate> gates, long seed) {
        VirtualClock clock = new VirtualClock();
        SimProvider provider = limits.provider();
        Gate gate = gates.apply(clock);
        Tally tally = new Tally(workload.agents());
        for (int id = 0; id < workload.agents(); id++) {
            new SimAgent(id, workload, clock, gate, provider, tally, seed).start();
        }
        ChangingCapacity binds = limits.binds();
        double[] used = new double[PHASES];
        double[] capacity = new double[PHASES];
        if (limits.binding() != ProviderLimits.Binding.CONCURRENCY) {
            capacity[0] += binds.at(0); // the bucket starts full
        }
        Runnable sample = new Runnable() {
            private long counted;

            @Override
            public void run() {
                int phase = binds.phase(clock.seconds());
                int now = binds.at(clock.seconds());
                switch (limits.binding()) {
                    case CONCURRENCY:
                        used[phase] += Math.min(provider.inFlight(), now) * SAMPLE_SECONDS;
                        capacity[phase] += now * SAMPLE_SECONDS;
                        break;
                    default:
                        long total = limits.binding() == ProviderLimits.Binding.REQUESTS ? provider.served()
                                : provider.tokensServed();
                        used[phase] += total - counted;
                        counted = total;
                        capacity[phase] += now * SAMPLE_SECONDS / MinuteBudget.MINUTE;
                }
                clock.after(SAMPLE_SECONDS, this);
            }
        };
        clock.after(SAMPLE_SECONDS / 2, sample);
        clock.runUntil(() -> clock.seconds() >= limits.endSeconds());
        return new CapacityRun(used, capacity, tally.result(provider, gate, clock.seconds()));
    }

    /** Two runs' counts added up. */
    CapacityRun pool(CapacityRun other) {
        double[] u = used.clone();
        double[] c = capacity.clone();
        for (int p = 0; p < PHASES; p++) {
            u[p] += other.used[p];
            c[p] += other.capacity[p];
        }
        return new CapacityRun(u, c, calls.pool(other.calls));
    }

    /** Share of the provider's capacity used in {@code phase}. */
    double utilisation(int phase) {
        return used[phase] / capacity[phase];
    }

    /** Share of the provider's capacity used over the whole run. */
    double utilisation() {
        double u = 0;
        double c = 0;
        for (int p = 0; p < PHASES; p++) {
            u += used[p];
            c += capacity[p];
        }
        return u / c;
    }

    long served() {
        return calls.served();
    }

    long rejected() {
        return calls.rateLimited();
    }

    /** Share of the requests the provider saw that it answered 429. */
    double rejectedShare() {
        long requests = served() + rejected();
        return requests == 0 ? 0 : (double) rejected() / requests;
    }
}
