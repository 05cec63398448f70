package dev.turnstile.bench.sim;

import dev.turnstile.config.AgentIdentity;
import dev.turnstile.config.HostPattern;
import dev.turnstile.config.ProviderConfig;
import dev.turnstile.config.TurnstileConfig;
import dev.turnstile.core.ProviderSettings;
import dev.turnstile.core.SchedulerSettings;
import dev.turnstile.core.SlotCounter;
import dev.turnstile.core.SlotScheduler;
import dev.turnstile.http.GatedCall;
import dev.turnstile.http.HeaderLookup;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Turnstile's real {@link SlotScheduler}, on virtual time, behind the agent's own HTTP layer
 * ({@link dev.turnstile.http.Gate} and {@link GatedCall}, as every instrumented client uses them):
 * a call opens a {@code GatedCall} and waits with {@code acquireAsync}, hands every answer to
 * {@code onResponse} (status and headers: a 429's Retry-After pauses the queue; budget headers
 * that say a budget is nearly spent pause it until the reset) and ends with {@code complete}. In
 * FIFO mode calls carry no agent key, as with {@code priority.agent=none}; otherwise the agent's
 * name, as with {@code priority.agent=header:x-sim-agent}, and the scheduler tracks turns itself.
 *
 * <p>A gate that does not read budget headers sees only the status and Retry-After of each
 * answer, as a rule that learns from 429s alone would.
 *
 * <p>Besides gating, it checks the order of grants against its own view of the policy (by turn
 * start or by arrival, then by arrival), so a simulation also proves the scheduler did what the
 * model assumes.
 */
final class TurnstileGate implements Gate {

    static final String PROVIDER = "llm";
    private static final String HOST = "llm.sim";
    private static final String AGENT_HEADER = "x-sim-agent";
    /** As the demo configures the agent: 2 s without a call in flight or queued ends a turn. */
    static final Duration TURN_IDLE = Duration.ofSeconds(2);

    private final VirtualClock clock;
    private final SlotScheduler scheduler;
    private final dev.turnstile.http.Gate http;
    private final boolean fifo;
    private final boolean readsBudgets;
    private final TreeSet<Waiting> waiting =
            new TreeSet<>(Comparator.comparingLong(Waiting::priorityMillis).thenComparingLong(Waiting::sequence));
    private long sequence;
    private int held;
    private int maxHeld;
    private long orderViolations;

    /** Turnstile as the agent runs it: its default limit algorithm, reading budget headers. */
    TurnstileGate(VirtualClock clock, int limit, boolean fifo, Random random) {
        this(clock, limit, fifo, random, settings());
    }

    /** The same, with the scheduler's settings given (a turn-idle and quiet period of another time scale). */
    TurnstileGate(VirtualClock clock, int limit, boolean fifo, Random random, SchedulerSettings settings) {
        this.clock = clock;
        this.fifo = fifo;
        this.readsBudgets = true;
        this.scheduler = new SlotScheduler(settings, clock, clock, random, SlotCounter.Factory.local());
        this.http = httpGate(limit);
    }

    /** Turnstile with its limit moved by {@code rule} instead of the agent's default algorithm. */
    TurnstileGate(VirtualClock clock, int limit, boolean fifo, Random random, LimitRule rule) {
        this.clock = clock;
        this.fifo = fifo;
        this.readsBudgets = rule.readsBudgetHeaders();
        this.scheduler = new SlotScheduler(settings(), clock, clock, random, SlotCounter.Factory.local(),
                rule.factory(() -> held));
        this.http = httpGate(limit);
    }

    private dev.turnstile.http.Gate httpGate(int limit) {
        scheduler.addProvider(ProviderSettings.of(PROVIDER, limit));
        ProviderConfig provider = ProviderConfig.builder(PROVIDER).hosts(List.of(HostPattern.parse(HOST)))
                .limit(limit).build();
        TurnstileConfig config = TurnstileConfig.builder().presets(false).providers(List.of(provider))
                .agentIdentity(fifo ? AgentIdentity.none() : AgentIdentity.header(AGENT_HEADER)).build();
        return new dev.turnstile.http.Gate(scheduler, config, clock::nanoTime);
    }

    private static SchedulerSettings settings() {
        return SchedulerSettings.builder().turnIdle(TURN_IDLE).build();
    }

    @Override
    public void acquire(String agent, long turnStartMillis, Consumer<Slot> send) {
        Waiting call = new Waiting(fifo ? clock.epochMillis() : turnStartMillis, sequence++);
        waiting.add(call);
        GatedCall gated = http.open("POST", "https", HOST, -1, "/v1/chat/completions",
                HeaderLookup.of(Map.of(AGENT_HEADER, agent)));
        gated.acquireAsync()
                .thenAccept(granted -> {
                    if (waiting.first() != call) {
                        orderViolations++;
                    }
                    waiting.remove(call);
                    held++;
                    maxHeld = Math.max(maxHeld, held);
                    send.accept(new Held(gated));
                });
    }

    @Override
    public int maxHeld() {
        return maxHeld;
    }

    @Override
    public long orderViolations() {
        return orderViolations;
    }

    /** A call's place in the policy's order: turn start (or arrival, for FIFO), then arrival. */
    private record Waiting(long priorityMillis, long sequence) {
    }

    private final class Held implements Slot {
        private final GatedCall call;

        Held(GatedCall call) {
            this.call = call;
        }

        @Override
        public void answered(int status, Map<String, String> headers) {
            call.onResponse(status, HeaderLookup.of(readsBudgets ? headers : retryAfterOnly(headers)));
        }

        @Override
        public void release() {
            held--; // before the release: it may grant the next call at once
            call.complete();
        }
    }

    private static Map<String, String> retryAfterOnly(Map<String, String> headers) {
        String retryAfter = headers.get("retry-after");
        return retryAfter == null ? Map.of() : Map.of("retry-after", retryAfter);
    }
}
