package dev.turnstile.jmx;

import java.util.HashMap;
import java.util.Map;

/**
 * What JConsole shows next to each attribute, operation and parameter. Kept in one table so the
 * wording is consistent and every name has one.
 */
final class Descriptions {

    /** How an agent is named, so that {@code worker-3#505} explains itself. */
    private static final String AGENT_KEY = "An agent is a thread, named 'thread name#thread id' (worker-3#505 is the "
            + "thread worker-3 with id 505), or the value of the request header named by turnstile.priority.agent=header:<Name>.";
    private static final Map<String, String> TEXT = new HashMap<>();
    private static final Map<String, String[]> PARAMETERS = new HashMap<>();

    static {
        // Turnstile
        TEXT.put("Turnstile", "Turnstile: a concurrency gate for LLM API calls. Limits, queues and pauses per provider.");
        TEXT.put("Enabled", "false lets every call through ungated (queued calls go at once); true gates again.");
        TEXT.put("GlobalLimit", "Max concurrent gated calls over all providers; 0 = no global limit.");
        TEXT.put("ProviderIds", "Ids of the configured providers.");
        TEXT.put("GlobalInFlight", "Gated calls holding a slot now, over all providers.");
        TEXT.put("GlobalQueued", "Calls waiting for a slot now, over all providers.");
        TEXT.put("Agents", "Agents with a call in flight or queued, oldest turn first, one row per agent and provider: "
                + "turn start (epoch ms), turn age (ms), calls this turn, in flight, queued. " + AGENT_KEY
                + " AgentLines shows the same rows as readable lines.");
        TEXT.put("AgentLines", "Agents with a call in flight or queued, oldest turn first, one line per agent and provider: "
                + "'agent -> provider: turn age, calls this turn, in flight, queued'. " + AGENT_KEY);
        TEXT.put("addProvider", "Adds a provider; its Provider MBean appears at once.");
        PARAMETERS.put("addProvider", new String[] {"id", "lower-case id, e.g. my-llm",
                "hosts", "comma list of host, host:port or *.domain",
                "limit", "max concurrent calls; 0 = unlimited"});
        TEXT.put("removeProvider", "Removes a provider: its queued calls go through ungated, calls in flight end normally.");
        PARAMETERS.put("removeProvider", new String[] {"id", "the provider's id"});
        // Fleet (limits shared through Redis)
        TEXT.put("Fleet", "Limits shared with the other JVMs of a namespace through Redis: the fleet beside this JVM.");
        TEXT.put("Backend", "SHARED: Redis decides for the fleet. LOCAL: Redis slow or away, this JVM admits its local "
                + "share of each limit. REJOINING: joining Redis again.");
        TEXT.put("Incarnation", "This JVM's id in Redis; a new one at each rejoin.");
        TEXT.put("Namespace", "Replicas sharing a provider account share a namespace (turnstile.redis.namespace).");
        TEXT.put("LiveInstances", "JVMs of the namespace with a live lease at the last heartbeat, this one included.");
        TEXT.put("RedisRoundTripMicros", "The last Redis round trip, in microseconds (-1 before the first).");
        TEXT.put("FailOvers", "Times this JVM fell back to its local share because Redis was slow or away.");
        TEXT.put("Rejoins", "Times this JVM joined Redis again: after a fall-back, a lost lease, or Redis losing its data.");
        TEXT.put("LeasesReclaimed", "Slots and waiters of dead JVMs that this JVM's heartbeats took back.");
        TEXT.put("Providers", "Per provider: the fleet's limit, this JVM's local share (limit / live JVMs, at least 1), "
                + "and the fleet's calls in flight and queued at the last heartbeat.");
        TEXT.put("ProviderLines", "The Providers rows as readable lines.");
        // Provider
        TEXT.put("Provider", "One LLM provider: its limit, its queue, its pause and its statistics since start or reset.");
        TEXT.put("Limit", "Max concurrent calls; 0 = unlimited. Raising admits waiters at once; lowering cuts no call.");
        TEXT.put("EffectiveLimit", "The limit in force: lower than Limit while recovering from rate limits (adaptive).");
        TEXT.put("InFlight", "Calls holding a slot now.");
        TEXT.put("Queued", "Calls waiting for a slot now.");
        TEXT.put("Paused", "True while the provider's queue is paused after a rate limit, by the overload breaker or by an operator.");
        TEXT.put("PauseRemainingMillis", "Milliseconds until the pause ends; 0 when not paused.");
        TEXT.put("PauseReason", "Why the provider is paused: a rate limit with the provider's hint or the backoff step, "
                + "a request or token budget spent or nearly spent (naming its headers) until its reset, the overload breaker "
                + "(failures in a row, or a failed probe), or an operator; "
                + "empty when not paused.");
        TEXT.put("Hosts", "Comma list of host, host:port or *.domain whose calls this provider gates.");
        TEXT.put("MaxHoldMillis", "Watchdog: a slot held longer than this (ms) is taken back.");
        TEXT.put("QueueTimeoutMillis", "Max wait for a slot (ms); 0 = as long as the caller waits. Applies to calls queued from now on.");
        TEXT.put("Rpm", "Calls that may start per minute (sliding 60 s window), for endpoints that enforce a budget "
                + "without headers; 0 = off. Calls beyond it wait in line, never rejected.");
        TEXT.put("Tpm", "Tokens calls may use per minute (sliding 60 s window): request body bytes / 4 until the "
                + "answer's usage tells; 0 = off. Calls beyond it wait in line, never rejected.");
        TEXT.put("RpmRemaining", "Calls that may still start in the current 60 s window; -1 when Rpm is off.");
        TEXT.put("TpmRemaining", "Tokens left in the current 60 s window; -1 when Tpm is off.");
        TEXT.put("BudgetHold", "Why the request or token budget holds the queue (and when it will have room); "
                + "empty when it does not.");
        TEXT.put("BreakerFailures", "Overload breaker: this many overload failures in a row (502, 503, 504, connection refused, "
                + "reset or timed out before an answer; never a 429) pause the queue; one probe call then decides. 0 = off.");
        TEXT.put("BreakerState", "Overload breaker: closed (calls flow), open (the queue is paused) or probing (one call is "
                + "let through as the probe; the others wait).");
        TEXT.put("ConsecutiveFailures", "Overload failures since the provider last answered.");
        TEXT.put("BreakerOpened", "How often the overload breaker opened (a failed probe re-opens it) since the provider was added.");
        TEXT.put("Started", "Calls that got a slot (= in flight + completed + failed + reclaimed).");
        TEXT.put("Completed", "Calls whose response body ended or was closed.");
        TEXT.put("Failed", "Calls that failed or were cancelled after they got a slot.");
        TEXT.put("RateLimited", "Responses with a back-off status (429 and friends).");
        TEXT.put("Reclaimed", "Slots taken back: by the watchdog after MaxHoldMillis, or abandoned (see Abandoned).");
        TEXT.put("Abandoned", "Response bodies the application dropped without closing; their slots were released when the "
                + "garbage collector found them (also counted in Reclaimed).");
        TEXT.put("TimedOut", "Calls that gave up after QueueTimeoutMillis in the queue.");
        TEXT.put("Ungated", "Connections opened to this provider's hosts with no gated call behind them (a client "
                + "Turnstile does not gate; each stack is named once in a WARN), since start or reset.");
        TEXT.put("Cancelled", "Calls cancelled or interrupted while queued (or as their slot was granted).");
        TEXT.put("WaitP50Millis", "Median time a call waited for its slot (ms), since start or reset; "
                + "WaitP50Millis1m: the last minute.");
        TEXT.put("WaitP99Millis", "99th percentile of the time a call waited for its slot (ms), since start or reset.");
        TEXT.put("HoldP50Millis", "Median time a call held its slot (ms), streams included, since start "
                + "or reset; HoldP50Millis1m: the last minute.");
        TEXT.put("HoldP99Millis", "99th percentile of the time a call held its slot (ms), since start or reset.");
        TEXT.put("StartedTotal", "Slots granted since the agent started; never reset (for exporters: a monotonic counter). A grant "
                + "whose caller cancelled as it came is also in CancelledTotal.");
        TEXT.put("CompletedTotal", "Calls whose response body ended or was closed, since the agent started; never reset.");
        TEXT.put("FailedTotal", "Calls that failed or were cancelled after they got a slot, since the agent started; never reset.");
        TEXT.put("RateLimitedTotal", "Responses with a back-off status (429 and friends) since the agent started; never reset.");
        TEXT.put("ReclaimedTotal", "Slots taken back (watchdog or abandoned) since the agent started; never reset.");
        TEXT.put("AbandonedTotal", "Response bodies dropped without closing, released by the garbage collector, since the agent "
                + "started; never reset (also counted in ReclaimedTotal).");
        TEXT.put("TimedOutTotal", "Calls that gave up after QueueTimeoutMillis in the queue, since the agent started; never reset.");
        TEXT.put("CancelledTotal", "Calls cancelled or interrupted while queued, since the agent started; never reset.");
        TEXT.put("PausesTotal", "Pauses that began (rate limit, a spent request or token budget, or operator) since the agent started; "
                + "a pause extended while running counts once; never reset.");
        TEXT.put("WaitP50Millis1m", "Median time a call waited for its slot (ms), over calls granted in the last 60 s; 0 when none.");
        TEXT.put("WaitP99Millis1m", "99th percentile of the time a call waited for its slot (ms), over calls granted in the last 60 s; "
                + "0 when none.");
        TEXT.put("HoldP50Millis1m", "Median time a call held its slot (ms), streams included, over calls that ended in the last 60 s; "
                + "0 when none.");
        TEXT.put("HoldP99Millis1m", "99th percentile of the time a call held its slot (ms), over calls that ended in the last 60 s; "
                + "0 when none.");
        TEXT.put("pause", "Pauses the provider's queue (never shortens a running pause); calls in flight go on.");
        PARAMETERS.put("pause", new String[] {"millis", "how long to pause, in milliseconds > 0 (30000 = 30 s); resume() ends a pause"});
        TEXT.put("resume", "Ends the provider's pause now.");
        TEXT.put("resetStatistics", "Zeroes the counters (Started, Completed, ...) and the since-start percentiles; calls in flight stay "
                + "counted as started. The ...Total counters and the 1-minute percentiles are not reset.");
    }

    private Descriptions() {
    }

    static String of(String name) {
        String text = TEXT.get(name);
        return text == null ? name : text;
    }

    /** Parameter {@code index} of {@code operation}: name and description, or null if unknown. */
    static String[] parameter(String operation, int index) {
        String[] parameters = PARAMETERS.get(operation);
        if (parameters == null || 2 * index + 1 >= parameters.length) {
            return null;
        }
        return new String[] {parameters[2 * index], parameters[2 * index + 1]};
    }
}
