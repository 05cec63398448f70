package dev.turnstile.bench.sim;

/** Runs a {@link Workload} through a {@link Setup} in virtual time. */
final class Simulation {

    private Simulation() {
    }

    /** One run; the same arguments give the same result. */
    static RunResult run(Workload workload, Setup setup, long seed) {
        VirtualClock clock = new VirtualClock();
        SimProvider provider = setup.provider();
        Gate gate = setup.gate(clock, seed);
        Tally tally = new Tally(workload.agents());
        for (int id = 0; id < workload.agents(); id++) {
            new SimAgent(id, workload, clock, gate, provider, tally, seed).start();
        }
        clock.runUntil(tally::allDone);
        return tally.result(provider, gate, clock.seconds());
    }

    /**
     * {@code replications} runs with seeds {@code seed, seed + 1, …}, pooled into one sample, so
     * that a p95 over few turns is not one unlucky draw.
     */
    static RunResult pooled(Workload workload, Setup setup, long seed, int replications) {
        RunResult pooled = run(workload, setup, seed);
        for (int r = 1; r < replications; r++) {
            pooled = pooled.pool(run(workload, setup, seed + r));
        }
        return pooled;
    }
}
