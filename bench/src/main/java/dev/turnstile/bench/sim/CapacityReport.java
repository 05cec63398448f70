package dev.turnstile.bench.sim;

import java.util.Locale;

/**
 * Writes the simulation's Markdown section on finding a provider's capacity to standard output:
 * no gate, static limits, the fixed-headroom rule, Turnstile's former −1/+1 and its AIMD limit,
 * side by side against a provider whose hidden cap halves mid-run and comes back.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.turnstile.bench.sim.CapacityReport [--seed N] [--replications N]
 * </pre>
 */
public final class CapacityReport {

    static final int AGENTS = 64;
    static final ChangingCapacity CAPACITY = new ChangingCapacity(16, 8, 300, 600, 1200);
    /** The ceiling an operator who does not know the cap sets: well above it. */
    static final int UNKNOWN_CAP_CEILING = 64;
    /** The goal for the new algorithm with the cap unknown. */
    static final double GOAL_UTILISATION = 0.90;
    static final double GOAL_REJECTED_SHARE = 0.01;

    private final long seed;
    private final int replications;

    CapacityReport(long seed, int replications) {
        this.seed = seed;
        this.replications = replications;
    }

    public static void main(String[] args) {
        long seed = 42;
        int replications = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed":
                    seed = Long.parseLong(args[++i]);
                    break;
                case "--replications":
                    replications = Integer.parseInt(args[++i]);
                    break;
                default:
                    throw new IllegalArgumentException("unknown argument " + args[i]
                            + "; expected --seed N, --replications N");
            }
        }
        System.out.print(new CapacityReport(seed, replications).section());
    }

    String section() {
        Workload workload = Workload.saturating(AGENTS);
        ChangingCapacity cap = CAPACITY;
        StringBuilder out = new StringBuilder();
        out.append("## Simulation: finding the provider's capacity\n\n");
        out.append("Written by `dev.turnstile.bench.sim.CapacityReport` (seed ").append(seed).append(", ")
                .append(replications).append(" runs per row pooled); it can run on its own, without the rest of "
                        + "`bench/run.sh`.\n\n");
        out.append("**Model.** The same simulation, with a provider whose concurrency cap is hidden and changes: ")
                .append(cap.describe()).append(". ").append(AGENTS).append(" agents always have work (")
                .append(workload.describe()).append("), so they ask for more than the cap all the time. Each 429 "
                        + "comes back after ").append(Format.seconds(Setup.REJECT_SECONDS))
                .append(" s with `Retry-After: ").append(Format.seconds(Setup.RETRY_AFTER_SECONDS))
                .append("`, which also pauses Turnstile's queue. Utilisation = slot-seconds that served a call (at most "
                        + "the cap at that moment) ÷ slot-seconds the provider offered, sampled every ")
                .append(Format.seconds(CapacityRun.SAMPLE_SECONDS)).append(" s. 429 share = calls answered 429 ÷ "
                        + "all calls the provider saw. Turnstile runs oldest turn first with its default settings "
                        + "(quiet period `backoff.recovery` 30 s); only the rule that moves the limit differs.\n\n");
        MarkdownTable table = new MarkdownTable("gate", ">limit (ceiling)", ">utilisation", ">before drop",
                ">during drop", ">after", ">429 share", ">429s", ">calls answered");
        row(table, "no gate", null, 0, workload, cap);
        row(table, LimitRule.STATIC.label() + ", below the cap", LimitRule.STATIC, cap.low(), workload, cap);
        row(table, LimitRule.STATIC.label() + ", at the cap", LimitRule.STATIC, cap.high(), workload, cap);
        row(table, LimitRule.STATIC.label() + ", above the cap", LimitRule.STATIC, 2 * cap.high(), workload, cap);
        CapacityRun aimd = null;
        for (LimitRule rule : new LimitRule[] {LimitRule.FIXED_HEADROOM, LimitRule.STEP, LimitRule.AIMD}) {
            aimd = row(table, rule.label() + ", cap unknown", rule, UNKNOWN_CAP_CEILING, workload, cap);
        }
        out.append(table).append('\n');
        boolean met = aimd.utilisation() >= GOAL_UTILISATION && aimd.rejectedShare() <= GOAL_REJECTED_SHARE;
        out.append(String.format(Locale.ROOT, "- AIMD with the cap unknown (ceiling %d): %s of the capacity used, "
                        + "%.2f %% of calls answered 429; goal ≥ %s, ≤ %.0f %% → **%s**\n\n", UNKNOWN_CAP_CEILING,
                percent(aimd.utilisation()), 100 * aimd.rejectedShare(), percent(GOAL_UTILISATION),
                100 * GOAL_REJECTED_SHARE, met ? "met" : "missed"));
        out.append("The fixed-headroom row is ai-concurrency-shaper's rule as we model it: after a 429 the limit "
                + "becomes the calls holding a slot at that moment minus " + LimitRule.HEADROOM + " (our choice of "
                + "headroom), and it never probes back up. Old −1/+1: Turnstile's former algorithm (one step down per "
                + "429 episode, one up per quiet period). AIMD (new): halve per episode, one step up per quiet period, "
                + "a 429 within a quiet period of a step up undoes just that step.\n\n");
        return out.toString();
    }

    private CapacityRun row(MarkdownTable table, String gate, LimitRule rule, int limit, Workload workload,
                     ChangingCapacity cap) {
        CapacityRun run = CapacityRun.run(workload, cap, rule, limit, seed);
        for (int r = 1; r < replications; r++) {
            run = run.pool(CapacityRun.run(workload, cap, rule, limit, seed + r));
        }
        table.row(gate, rule == null ? "–" : Integer.toString(limit), percent(run.utilisation()),
                percent(run.utilisation(0)), percent(run.utilisation(1)), percent(run.utilisation(2)),
                String.format(Locale.ROOT, "%.2f %%", 100 * run.rejectedShare()), run.rejected(), run.served());
        return run;
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * share);
    }
}
