package dev.turnstile.bench.sim;

import java.util.Random;

/**
 * One agent of the {@link Workload}, as a chain of events: start its turn, make a call (through
 * the gate, then to the provider), wait out a 429 and try again, pause for its tool, think
 * between turns. Its random draws come from its own seeded streams in a fixed order, so the same
 * agent draws the same call times whatever the gate does to it.
 */
final class SimAgent {

    private final int id;
    private final String name;
    private final Workload workload;
    private final VirtualClock clock;
    private final Gate gate;
    private final SimProvider provider;
    private final Tally tally;
    private final Random draws;
    private final Random jitter;
    private final Random tokenDraws;

    private int turn;
    private int call;
    private int rateLimits;
    private double turnStartSeconds;
    private long turnStartMillis;
    private double callSeconds;
    private long callTokens;

    SimAgent(int id, Workload workload, VirtualClock clock, Gate gate, SimProvider provider, Tally tally, long seed) {
        this.id = id;
        this.name = "agent-" + id;
        this.workload = workload;
        this.clock = clock;
        this.gate = gate;
        this.provider = provider;
        this.tally = tally;
        this.draws = new Random(seed * 31 + id);
        this.jitter = new Random(~(seed * 31 + id));
        this.tokenDraws = new Random((seed * 31 + id) ^ 0x70CE45L); // its own stream: call times stay as they were
    }

    void start() {
        clock.after(id * workload.staggerSeconds(), this::beginTurn);
    }

    private void beginTurn() {
        turnStartSeconds = clock.seconds();
        turnStartMillis = clock.epochMillis();
        call = 0;
        nextCall();
    }

    private void nextCall() {
        callSeconds = workload.callTime().seconds(draws);
        callTokens = Workload.callTokens(tokenDraws);
        rateLimits = 0;
        attempt();
    }

    private void attempt() {
        gate.acquire(name, turnStartMillis, this::send);
    }

    private void send(Gate.Slot slot) {
        SimProvider.Answer answer = provider.admit(clock.seconds(), callTokens);
        if (answer.served()) {
            clock.after(callSeconds, () -> {
                slot.answered(200, provider.finish(clock.seconds()));
                slot.release();
                answered();
            });
        } else {
            clock.after(provider.rejectSeconds(), () -> {
                slot.answered(429, answer.headers());
                slot.release();
                rejected(answer.retryAfterSeconds());
            });
        }
    }

    /** A 429: sleep out Retry-After plus jitter and try again, or give the turn up. */
    private void rejected(double retryAfterSeconds) {
        rateLimits++;
        if (rateLimits > workload.maxRetries()) {
            endTurn(false);
            return;
        }
        clock.after(retryAfterSeconds + workload.retryJitterSeconds() * jitter.nextDouble(), this::attempt);
    }

    private void answered() {
        call++;
        if (call == workload.callsPerTurn()) {
            endTurn(true);
        } else {
            clock.after(workload.toolPause().seconds(draws), this::nextCall);
        }
    }

    private void endTurn(boolean ok) {
        tally.turnEnded(clock.seconds() - turnStartSeconds, ok);
        turn++;
        if (turn < workload.turnsPerAgent()) {
            clock.after(workload.think().seconds(draws), this::beginTurn);
        } else {
            tally.agentDone();
        }
    }
}
