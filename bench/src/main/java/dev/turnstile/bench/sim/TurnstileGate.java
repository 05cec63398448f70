package dev.turnstile.bench.sim;

import dev.turnstile.core.CallRequest;
import dev.turnstile.core.Outcome;
import dev.turnstile.core.Permit;
import dev.turnstile.core.ProviderSettings;
import dev.turnstile.core.SchedulerSettings;
import dev.turnstile.core.SlotCounter;
import dev.turnstile.core.SlotScheduler;

import java.time.Duration;
import java.util.Comparator;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Turnstile's real {@link SlotScheduler}, on virtual time, used as the agent's HTTP layer uses it:
 * {@code acquireAsync} per call, {@code rateLimited} on a 429, {@code release} at the end of the
 * response. In FIFO mode calls carry no agent key, as with {@code priority.agent=none}; otherwise
 * the agent's name, as with {@code priority.agent=thread}, and the scheduler tracks turns itself.
 *
 * <p>Besides gating, it checks the order of grants against its own view of the policy (by turn
 * start or by arrival, then by arrival), so a simulation also proves the scheduler did what the
 * model assumes.
 */
final class TurnstileGate implements Gate {

    static final String PROVIDER = "llm";
    /** As the demo configures the agent: 2 s without a call in flight or queued ends a turn. */
    static final Duration TURN_IDLE = Duration.ofSeconds(2);

    private final VirtualClock clock;
    private final SlotScheduler scheduler;
    private final boolean fifo;
    private final TreeSet<Waiting> waiting =
            new TreeSet<>(Comparator.comparingLong(Waiting::priorityMillis).thenComparingLong(Waiting::sequence));
    private long sequence;
    private int held;
    private int maxHeld;
    private long orderViolations;

    TurnstileGate(VirtualClock clock, int limit, boolean fifo, Random random) {
        this.clock = clock;
        this.fifo = fifo;
        this.scheduler = new SlotScheduler(settings(), clock, clock, random, SlotCounter.Factory.local());
        scheduler.addProvider(ProviderSettings.of(PROVIDER, limit));
    }

    /** Turnstile with its limit moved by {@code rule} instead of the agent's default algorithm. */
    TurnstileGate(VirtualClock clock, int limit, boolean fifo, Random random, LimitRule rule) {
        this.clock = clock;
        this.fifo = fifo;
        this.scheduler = new SlotScheduler(settings(), clock, clock, random, SlotCounter.Factory.local(),
                rule.factory(() -> held));
        scheduler.addProvider(ProviderSettings.of(PROVIDER, limit));
    }

    private static SchedulerSettings settings() {
        return SchedulerSettings.builder().turnIdle(TURN_IDLE).build();
    }

    @Override
    public void acquire(String agent, long turnStartMillis, Consumer<Slot> send) {
        Waiting call = new Waiting(fifo ? clock.epochMillis() : turnStartMillis, sequence++);
        waiting.add(call);
        scheduler.acquireAsync(CallRequest.of(PROVIDER, fifo ? null : agent))
                .thenAccept(permit -> {
                    if (waiting.first() != call) {
                        orderViolations++;
                    }
                    waiting.remove(call);
                    held++;
                    maxHeld = Math.max(maxHeld, held);
                    send.accept(new Held(permit));
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
        private final Permit permit;

        Held(Permit permit) {
            this.permit = permit;
        }

        @Override
        public void rateLimited(long retryAfterMillis) {
            permit.rateLimited(retryAfterMillis);
        }

        @Override
        public void release() {
            held--; // before the release: it may grant the next call at once
            permit.release(Outcome.SUCCESS);
        }
    }
}
