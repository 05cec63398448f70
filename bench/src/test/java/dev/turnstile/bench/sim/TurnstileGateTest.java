package dev.turnstile.bench.sim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TurnstileGateTest {

    /** OpenAI's headers of an answer after which no request is left for 5 s. */
    private static final Map<String, String> SPENT = Map.of("x-ratelimit-limit-requests", "240",
            "x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "5s");

    private final VirtualClock clock = new VirtualClock();
    private final List<String> granted = new ArrayList<>();
    private final List<Gate.Slot> slots = new ArrayList<>();

    @Test
    void oldestTurnFirstServesTheOlderTurnsNextCallBeforeANewerTurn() {
        TurnstileGate gate = new TurnstileGate(clock, 1, false, new Random(1));
        long oldTurn = clock.epochMillis();
        call(gate, "old", oldTurn);
        call(gate, "busy", oldTurn); // the slot is taken: "busy" waits
        clock.after(1, () -> call(gate, "new", clock.epochMillis()));
        clock.after(2, () -> call(gate, "old", oldTurn)); // its turn's second call, last to arrive
        clock.after(3, () -> releaseFirst(3));
        clock.runUntil(() -> granted.size() == 4);

        assertThat(granted).containsExactly("old", "busy", "old", "new");
        assertThat(gate.orderViolations()).isZero();
        assertThat(gate.maxHeld()).isEqualTo(1);
    }

    @Test
    void fifoServesInArrivalOrder() {
        TurnstileGate gate = new TurnstileGate(clock, 1, true, new Random(1));
        long oldTurn = clock.epochMillis();
        call(gate, "old", oldTurn);
        call(gate, "busy", oldTurn);
        clock.after(1, () -> call(gate, "new", clock.epochMillis()));
        clock.after(2, () -> call(gate, "old", oldTurn));
        clock.after(3, () -> releaseFirst(3));
        clock.runUntil(() -> granted.size() == 4);

        assertThat(granted).containsExactly("old", "busy", "new", "old");
        assertThat(gate.orderViolations()).isZero();
    }

    @Test
    void aRateLimitPausesTheQueueForRetryAfter() {
        TurnstileGate gate = new TurnstileGate(clock, 2, false, new Random(1));
        call(gate, "a", clock.epochMillis());
        slots.get(0).answered(429, Map.of("Retry-After", "1"));
        slots.get(0).release();
        call(gate, "b", clock.epochMillis());
        assertThat(granted).containsExactly("a");

        clock.runUntil(() -> granted.size() == 2);

        assertThat(clock.seconds()).isEqualTo(1.0);
    }

    @Test
    void anAnswerSayingTheRequestBudgetIsSpentHoldsTheQueueUntilItsReset() {
        TurnstileGate gate = new TurnstileGate(clock, 2, false, new Random(1));
        call(gate, "a", clock.epochMillis());
        slots.get(0).answered(200, SPENT);
        slots.get(0).release();
        call(gate, "b", clock.epochMillis());
        assertThat(granted).containsExactly("a");

        clock.runUntil(() -> granted.size() == 2);

        assertThat(clock.seconds()).isEqualTo(5.0);
    }

    @Test
    void aRuleThatLearnsFrom429sAloneDoesNotSeeTheBudgetHeaders() {
        TurnstileGate gate = new TurnstileGate(clock, 2, false, new Random(1), LimitRule.AIMD_BLIND);
        call(gate, "a", clock.epochMillis());
        slots.get(0).answered(200, SPENT);
        slots.get(0).release();
        call(gate, "b", clock.epochMillis());

        assertThat(granted).containsExactly("a", "b");
    }

    /** A call that holds its slot until released by hand. */
    private void call(TurnstileGate gate, String agent, long turnStartMillis) {
        gate.acquire(agent, turnStartMillis, slot -> {
            granted.add(agent);
            slots.add(slot);
        });
    }

    /** Releases the first {@code count} slots granted, one after another as each is granted. */
    private void releaseFirst(int count) {
        for (int i = 0; i < count; i++) {
            slots.get(i).release();
        }
    }
}
