package dev.turnstile.bench.sim;

import java.util.Locale;
import java.util.Random;

/**
 * What the agents do. Each of {@code agents} agents starts {@code staggerSeconds} after the
 * previous one and runs {@code turnsPerAgent} turns, one after another. A turn is
 * {@code callsPerTurn} LLM calls in sequence, with a tool pause between two calls; between two
 * turns the agent thinks (a user reads and types). A call answered 429 is tried again after the
 * provider's Retry-After plus a little jitter, as SDKs do, at most {@code maxRetries} times; then
 * the turn fails.
 *
 * <p>Turn time is from the turn's start to the end of its last call: waiting, retries and tool
 * pauses included.
 */
record Workload(int agents, int turnsPerAgent, int callsPerTurn, Draw callTime, Draw toolPause, Draw think,
                double staggerSeconds, double retryJitterSeconds, int maxRetries) {

    /** Calls of a median of 2 s with a heavy tail: short answers mostly, now and then a long one. */
    static final Draw LLM_CALL = Draw.lognormal(2.0, 0.8);
    /** A tool runs, or the agent prepares its next prompt. */
    static final Draw TOOL_PAUSE = Draw.uniform(0.2, 1.0);
    /** Tokens a call counts against a token budget (prompt and answer): uniform in this range. */
    static final int CALL_TOKENS_LOW = 500;
    static final int CALL_TOKENS_HIGH = 3500;
    /** Retries as many as it takes: every turn finishes, so turn times compare like with like. */
    static final int RETRY_FOREVER = Integer.MAX_VALUE;

    /**
     * A burst: every agent is given one task at about the same time (0.25 s apart), as when a
     * batch job fans out or the demo starts. Turnstile's scheduling matters most here.
     */
    static Workload burst(int agents) {
        return new Workload(agents, 1, 5, LLM_CALL, TOOL_PAUSE, Draw.uniform(30, 90), 0.25, 0.25, 20);
    }

    /**
     * Sustained use: each agent serves a user who reads and types 30–90 s between turns, for 10
     * turns. The 2 s turn-idle the simulated agent is configured with is far shorter than that
     * think time, so the agent sees each turn as a new one.
     */
    static Workload sustained(int agents) {
        return new Workload(agents, 10, 5, LLM_CALL, TOOL_PAUSE, Draw.uniform(30, 90), 0.25, 0.25, 20);
    }

    /**
     * The demo application's defaults (demo-app {@code DemoOptions}, {@code AgentWorker} and the
     * mock's pace): 16 agents 150 ms apart, one turn of 5 streamed calls each; a call is 300 ms to
     * the first token plus 16–32 tokens at 25 ms (0.7–1.1 s); tool pauses 200–500 ms; a 429 is
     * retried after Retry-After plus 0–250 ms, at most 20 times.
     */
    static Workload demoApp() {
        return new Workload(16, 1, 5, Draw.uniform(0.3 + 16 * 0.025, 0.3 + 32 * 0.025), Draw.uniform(0.2, 0.5),
                Draw.uniform(3, 4), 0.15, 0.25, 20);
    }

    /**
     * Agents that always have work: many turns with a short think between them, retried until
     * answered, so that they ask for more than the provider can serve for as long as a run lasts.
     */
    static Workload saturating(int agents) {
        return new Workload(agents, 100_000, 5, LLM_CALL, TOOL_PAUSE, Draw.uniform(1, 3), 0.25, 0.25, RETRY_FOREVER);
    }

    /** The tokens of one call, drawn from {@code random}. */
    static long callTokens(Random random) {
        return CALL_TOKENS_LOW + random.nextInt(CALL_TOKENS_HIGH - CALL_TOKENS_LOW + 1);
    }

    /** The same agents, retrying a 429 at most {@code retries} times. */
    Workload withMaxRetries(int retries) {
        return new Workload(agents, turnsPerAgent, callsPerTurn, callTime, toolPause, think, staggerSeconds,
                retryJitterSeconds, retries);
    }

    /** The model in words; the number of agents is left to the caller. */
    String describe() {
        return String.format(Locale.ROOT,
                "agents start %s s apart, each runs %s of %d calls; call time %s; tool pause between calls %s%s; "
                        + "a 429 is retried after Retry-After + 0..%s s%s",
                Format.seconds(staggerSeconds), turnsPerAgent == 1 ? "one turn" : turnsPerAgent + " turns",
                callsPerTurn, callTime.describe(), toolPause.describe(),
                turnsPerAgent == 1 ? "" : "; think between turns " + think.describe(), Format.seconds(retryJitterSeconds),
                maxRetries == RETRY_FOREVER ? " until answered" : ", at most " + maxRetries + " times");
    }
}
