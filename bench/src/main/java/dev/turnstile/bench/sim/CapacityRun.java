package dev.turnstile.bench.sim;

import java.util.Random;

/**
 * One run against a provider whose cap changes ({@link ChangingCapacity}), for a fixed span of
 * virtual time. Every {@link #SAMPLE_SECONDS} it samples how many of the provider's slots serve a
 * call (at most its cap at that moment), per phase: before the drop, during it, after it.
 *
 * @param used      slot-seconds serving calls, per phase
 * @param capacity  slot-seconds the provider offered, per phase
 * @param served    calls answered
 * @param rejected  calls answered 429
 */
record CapacityRun(double[] used, double[] capacity, long served, long rejected) {

    static final double SAMPLE_SECONDS = 0.1;
    static final int PHASES = 3;

    /** No gate when {@code rule} is null; else Turnstile (oldest turn first) with that rule. */
    static CapacityRun run(Workload workload, ChangingCapacity cap, LimitRule rule, int limit, long seed) {
        VirtualClock clock = new VirtualClock();
        SimProvider provider = new SimProvider(() -> cap.at(clock.seconds()), Setup.RETRY_AFTER_SECONDS,
                Setup.REJECT_SECONDS);
        Gate gate = rule == null ? Gate.direct() : new TurnstileGate(clock, limit, false, new Random(seed), rule);
        Tally tally = new Tally(workload.agents());
        for (int id = 0; id < workload.agents(); id++) {
            new SimAgent(id, workload, clock, gate, provider, tally, seed).start();
        }
        double[] used = new double[PHASES];
        double[] capacity = new double[PHASES];
        Runnable sample = new Runnable() {
            @Override
            public void run() {
                int phase = clock.seconds() < cap.dropSeconds() ? 0 : clock.seconds() < cap.backSeconds() ? 1 : 2;
                int now = cap.at(clock.seconds());
                used[phase] += Math.min(provider.inFlight(), now) * SAMPLE_SECONDS;
                capacity[phase] += now * SAMPLE_SECONDS;
                clock.after(SAMPLE_SECONDS, this);
            }
        };
        clock.after(SAMPLE_SECONDS / 2, sample);
        clock.runUntil(() -> clock.seconds() >= cap.endSeconds());
        return new CapacityRun(used, capacity, provider.served(), provider.rejected());
    }

    /** Two runs' counts added up. */
    CapacityRun pool(CapacityRun other) {
        double[] u = used.clone();
        double[] c = capacity.clone();
        for (int p = 0; p < PHASES; p++) {
            u[p] += other.used[p];
            c[p] += other.capacity[p];
        }
        return new CapacityRun(u, c, served + other.served, rejected + other.rejected);
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

    /** Share of the requests the provider saw that it answered 429. */
    double rejectedShare() {
        long requests = served + rejected;
        return requests == 0 ? 0 : (double) rejected / requests;
    }
}
