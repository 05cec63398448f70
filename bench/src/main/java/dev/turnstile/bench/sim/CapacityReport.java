package dev.turnstile.bench.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the simulation's Markdown section on finding a provider's capacity to standard output:
 * no gate, static limits, the fixed-headroom rule, Turnstile's former −1/+1 and Turnstile now
 * (AIMD, reading budget headers), side by side against providers whose binding limit is hidden:
 * a concurrency cap, a request budget or a token budget, steady or changing mid-run.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.turnstile.bench.sim.CapacityReport [--seed N] [--replications N]
 * </pre>
 */
public final class CapacityReport {

    static final int AGENTS = 64;
    static final double END_SECONDS = 1200;
    static final double DROP_SECONDS = 300;
    static final double BACK_SECONDS = 600;
    /** The ceiling an operator who does not know the provider's limits sets: well above them. */
    static final int UNKNOWN_CAP_CEILING = 64;
    /** The goal for Turnstile with the limits unknown. */
    static final double GOAL_UTILISATION = 0.90;
    static final double GOAL_REJECTED_SHARE = 0.01;

    /** The cells of the grid: each binding limit, steady and halved from 300 s to 600 s. */
    static final List<ProviderLimits> CELLS = List.of(
            concurrency(16, 16), concurrency(16, 8),
            requests(240, 240), requests(240, 120),
            tokens(400_000, 400_000), tokens(400_000, 200_000));

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

    /** A concurrency cap that binds, the budgets loose. */
    static ProviderLimits concurrency(int high, int low) {
        return new ProviderLimits(ProviderLimits.Binding.CONCURRENCY, changing(high, low),
                ChangingCapacity.steady(3_000, END_SECONDS), ChangingCapacity.steady(6_000_000, END_SECONDS));
    }

    /** A request budget that binds, under a loose cap of 32 and a loose token budget. */
    static ProviderLimits requests(int high, int low) {
        return new ProviderLimits(ProviderLimits.Binding.REQUESTS, ChangingCapacity.steady(32, END_SECONDS),
                changing(high, low), ChangingCapacity.steady(6_000_000, END_SECONDS));
    }

    /** A token budget that binds, under a loose cap of 32 and a loose request budget. */
    static ProviderLimits tokens(int high, int low) {
        return new ProviderLimits(ProviderLimits.Binding.TOKENS, ChangingCapacity.steady(32, END_SECONDS),
                ChangingCapacity.steady(3_000, END_SECONDS), changing(high, low));
    }

    private static ChangingCapacity changing(int high, int low) {
        return high == low ? ChangingCapacity.steady(high, END_SECONDS)
                : new ChangingCapacity(high, low, DROP_SECONDS, BACK_SECONDS, END_SECONDS);
    }

    /**
     * The static limit an operator who knew the binding limit (before any change) would set: the
     * cap, or the calls in flight that spend the budget at the workload's mean call time and
     * tokens (Little's law).
     */
    static int matchingLimit(ProviderLimits limits, Workload workload) {
        double callsPerSecond;
        switch (limits.binding()) {
            case CONCURRENCY:
                return limits.concurrency().high();
            case REQUESTS:
                callsPerSecond = limits.requestsPerMinute().high() / MinuteBudget.MINUTE;
                break;
            default:
                double meanTokens = (Workload.CALL_TOKENS_LOW + Workload.CALL_TOKENS_HIGH) / 2.0;
                callsPerSecond = limits.tokensPerMinute().high() / meanTokens / MinuteBudget.MINUTE;
        }
        return (int) Math.max(1, Math.round(callsPerSecond * workload.callTime().mean()));
    }

    String section() {
        Workload workload = Workload.saturating(AGENTS);
        StringBuilder out = new StringBuilder();
        out.append("## Simulation: finding the provider's capacity\n\n");
        out.append("Written by `dev.turnstile.bench.sim.CapacityReport` (seed ").append(seed).append(", ")
                .append(replications).append(" runs per row pooled); it can run on its own, without the rest of "
                        + "`bench/run.sh`.\n\n");
        out.append(model(workload));
        MarkdownTable table = new MarkdownTable("binding limit", "gate", ">limit (ceiling)", ">capacity used",
                ">calls 429", ">mean turn s", ">p95 turn s", ">429s", ">calls answered");
        List<String> verdicts = new ArrayList<>();
        for (ProviderLimits cell : CELLS) {
            int matching = matchingLimit(cell, workload);
            row(table, cell, "no gate", null, 0, workload);
            row(table, cell, LimitRule.STATIC.label() + ", matching", LimitRule.STATIC, matching, workload);
            row(table, cell, LimitRule.STATIC.label() + ", 2× matching", LimitRule.STATIC, 2 * matching, workload);
            for (LimitRule rule : new LimitRule[] {LimitRule.FIXED_HEADROOM, LimitRule.STEP, LimitRule.AIMD_BLIND}) {
                row(table, cell, rule.label() + ", unknown", rule, UNKNOWN_CAP_CEILING, workload);
            }
            CapacityRun turnstile = row(table, cell, "**" + LimitRule.AIMD.label() + ", unknown**", LimitRule.AIMD,
                    UNKNOWN_CAP_CEILING, workload);
            boolean met = turnstile.utilisation() >= GOAL_UTILISATION
                    && turnstile.rejectedShare() <= GOAL_REJECTED_SHARE;
            verdicts.add(String.format(Locale.ROOT, "- Turnstile, %s (%s), limits unknown (ceiling %d): %s of the "
                            + "capacity used, %.2f %% of calls answered 429; goal ≥ %s, ≤ %.0f %% → **%s**\n",
                    cell.label(), cell.binds().describe(cell.binding().unit), UNKNOWN_CAP_CEILING,
                    percent(turnstile.utilisation()), 100 * turnstile.rejectedShare(), percent(GOAL_UTILISATION),
                    100 * GOAL_REJECTED_SHARE, met ? "met" : "missed"));
        }
        out.append(table).append('\n');
        verdicts.forEach(out::append);
        out.append('\n');
        out.append("Rows. *Static limit, matching*: the limit an operator who knew the binding limit would set: the "
                + "cap, or for a budget the calls in flight that spend it at the mean call time and tokens (Little's "
                + "law: 240 requests/min × 2.75 s ≈ 11); *2× matching*: set too high. *Fixed headroom*: "
                + "ai-concurrency-shaper's rule as we model it: after a 429 the limit becomes the calls holding a "
                + "slot at that moment minus " + LimitRule.HEADROOM + " (our choice of headroom), and it never "
                + "probes back up. *Old −1/+1*: Turnstile's former algorithm (one step down per 429 episode, one up "
                + "per quiet period). *AIMD, 429s only*: Turnstile's limit algorithm without its reading of the budget headers, to show what each part brings. *Turnstile*: AIMD (halve per episode, one step up per quiet period, a 429 "
                + "within a quiet period of a step up undoes just that step), and the agent's reading of the budget "
                + "headers. All gated rows run Turnstile's scheduler, oldest turn first, with its default "
                + "settings (quiet period `backoff.recovery` 30 s), and pause the queue for a 429's Retry-After; "
                + "only Turnstile's row also reads the `x-ratelimit-*` headers, the others see status and "
                + "Retry-After alone, as a rule that learns from 429s does.\n\n");
        return out.toString();
    }

    private static String model(Workload workload) {
        StringBuilder out = new StringBuilder();
        out.append("**Model.** The same simulation, with a provider that has the three limits of a real one, none of "
                + "them told to the gate: a concurrency cap (a call beyond it is answered 429 with `Retry-After: ")
                .append(Format.seconds(Setup.RETRY_AFTER_SECONDS)).append("`, and no header reveals it), and a budget "
                        + "of requests and one of tokens per minute, kept as OpenAI keeps them: a bucket that holds a "
                        + "minute's worth, starts full and refills continuously. Every request spends one of the "
                        + "request budget, also one the cap or the token budget then turns away; a call's tokens "
                        + "(uniform ")
                .append(Workload.CALL_TOKENS_LOW).append("..").append(Workload.CALL_TOKENS_HIGH)
                .append(", prompt and answer) count when it is served. A call over a budget is answered 429 with a "
                        + "`Retry-After` of the whole seconds until it would fit. Every answer carries OpenAI's "
                        + "`x-ratelimit-limit|remaining|reset-requests|tokens` headers as they stand when it is sent "
                        + "(for a served call at its end: the calls are not streamed); reset is the time until the "
                        + "bucket is full again. A 429 comes back after ")
                .append(Format.seconds(Setup.REJECT_SECONDS)).append(" s. ").append(AGENTS)
                .append(" agents always have work (").append(workload.describe())
                .append("), so they ask for more than the provider serves all the time. Each run lasts ")
                .append(Format.seconds(END_SECONDS)).append(" s of virtual time. The answers go through the "
                        + "agent's own HTTP layer (`dev.turnstile.http.Gate`, `GatedCall.onResponse`: the parsing "
                        + "of Retry-After and of the budget headers, and the pause it asks of the scheduler), on "
                        + "Turnstile's real scheduler.\n\n");
        out.append("Cells (the binding limit; the others loose):\n\n");
        for (ProviderLimits cell : CELLS) {
            out.append("- ").append(cell.label()).append(": ").append(cell.describe()).append('\n');
        }
        out.append("\nCapacity used: for a cap, slot-seconds that served a call (at most the cap at that moment) ÷ "
                + "slot-seconds the cap offered, sampled every ").append(Format.seconds(CapacityRun.SAMPLE_SECONDS))
                .append(" s; for a budget, requests (tokens) of the calls served ÷ what the budget let through (its "
                        + "refill over the run plus the full bucket it starts with). Calls 429 = calls answered 429 ÷ "
                        + "all calls the provider saw. Turn times: mean and nearest-rank p95 of the turns that ended "
                        + "within the run, waiting and retries included.\n\n");
        return out.toString();
    }

    private CapacityRun row(MarkdownTable table, ProviderLimits cell, String gate, LimitRule rule, int limit,
                            Workload workload) {
        CapacityRun run = CapacityRun.run(workload, cell, rule, limit, seed);
        for (int r = 1; r < replications; r++) {
            run = run.pool(CapacityRun.run(workload, cell, rule, limit, seed + r));
        }
        table.row(cell.label(), gate, rule == null ? "–" : Integer.toString(limit), percent(run.utilisation()),
                String.format(Locale.ROOT, "%.2f %%", 100 * run.rejectedShare()),
                Format.oneDecimal(run.calls().meanSeconds()), Format.oneDecimal(run.calls().p95Seconds()),
                run.rejected(), run.served());
        return run;
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * share);
    }
}
