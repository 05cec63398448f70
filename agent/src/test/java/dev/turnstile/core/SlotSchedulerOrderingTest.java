package dev.turnstile.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.turnstile.core.SchedulerHarness.granted;
import static org.assertj.core.api.Assertions.assertThat;

class SlotSchedulerOrderingTest {

    private final SchedulerHarness h = new SchedulerHarness(
            SchedulerSettings.builder().turnIdle(Duration.ofSeconds(30)).build()).provider("openai", 1);

    /** Releases {@code held}, then each granted waiter in turn, checking they come in list order. */
    private static void assertServedInOrder(Permit held, List<PermitFuture> expectedOrder) {
        for (int i = 0; i < expectedOrder.size(); i++) {
            held.release(Outcome.SUCCESS);
            for (int j = 0; j < expectedOrder.size(); j++) {
                assertThat(expectedOrder.get(j).isDone()).as("waiter %d after %d releases", j, i + 1).isEqualTo(j <= i);
            }
            held = expectedOrder.get(i).join();
        }
    }

    @Test
    void theOldestTurnIsServedFirstWhateverTheArrivalOrder() {
        Permit held = granted(h.call("openai", "old-agent")); // old-agent's turn starts now
        h.advance(Duration.ofSeconds(5));
        PermitFuture young = h.call("openai", "young-agent"); // turn starts 5 s later
        PermitFuture old = h.call("openai", "old-agent");     // same turn as its first call

        held.release(Outcome.SUCCESS);

        assertThat(old).as("old-agent's turn began first").isDone();
        assertThat(young).isNotDone();
    }

    @Test
    void withinOneTurnStartCallsAreServedInArrivalOrder() {
        Permit held = granted(h.callWithTurn("openai", null, 100));
        List<PermitFuture> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(h.callWithTurn("openai", "agent" + i, 500));
        }
        assertServedInOrder(held, waiting);
    }

    @Test
    void anExplicitTurnStartWinsOverTheTrackedOne() {
        Permit held = granted(h.call("openai", "a"));
        h.advance(Duration.ofSeconds(1));
        PermitFuture tracked = h.call("openai", "b");
        long longAgo = h.time.epochMillis() - 60_000;
        PermitFuture fromHeader = h.callWithTurn("openai", "c", longAgo);

        held.release(Outcome.SUCCESS);

        assertThat(fromHeader).isDone();
        assertThat(tracked).isNotDone();
    }

    @Test
    void anAgentIdleForTurnIdleStartsANewTurn() {
        Permit first = granted(h.call("openai", "veteran"));
        first.release(Outcome.SUCCESS);
        h.advance(Duration.ofSeconds(31)); // idle longer than turn-idle
        Permit held = granted(h.call("openai", "holder"));
        h.advance(Duration.ofSeconds(1));
        PermitFuture veteran = h.call("openai", "veteran"); // new turn: starts now, after holder's
        PermitFuture holderAgain = h.call("openai", "holder");

        held.release(Outcome.SUCCESS);

        assertThat(holderAgain).as("holder's turn started before veteran's new one").isDone();
        assertThat(veteran).isNotDone();
    }

    @Test
    void anAgentBackWithinTurnIdleKeepsItsTurn() {
        Permit first = granted(h.call("openai", "veteran"));
        h.advance(Duration.ofSeconds(1));
        first.release(Outcome.SUCCESS);
        h.advance(Duration.ofSeconds(10)); // a tool call, shorter than turn-idle
        Permit held = granted(h.call("openai", "newcomer"));
        PermitFuture newcomer = h.call("openai", "newcomer");
        PermitFuture veteran = h.call("openai", "veteran");

        held.release(Outcome.SUCCESS);

        assertThat(veteran).as("veteran is still in the turn it began 11 s ago").isDone();
        assertThat(newcomer).isNotDone();
    }

    @Test
    void anAgentWithACallInFlightNeverStartsANewTurn() {
        granted(h.call("openai", "long-runner")); // holds the only slot for a long time
        h.advance(Duration.ofMinutes(5));
        h.scheduler.setLimit("openai", 0);
        h.call("openai", "long-runner");

        AgentSnapshot agent = h.scheduler.snapshot().agents().get(0);
        assertThat(agent.turnStartMillis()).isEqualTo(h.time.epochMillis() - Duration.ofMinutes(5).toMillis());
        assertThat(agent.turnCalls()).isEqualTo(2);
    }

    @Test
    void anonymousCallsAreServedFirstComeFirstServed() {
        Permit held = granted(h.call("openai", null));
        List<PermitFuture> waiting = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            waiting.add(h.call("openai", null));
            h.advance(Duration.ofMillis(1));
        }
        assertServedInOrder(held, waiting);
    }

    @Test
    void explicitTurnStartsAreServedOldestFirst() {
        Permit held = granted(h.callWithTurn("openai", null, 1));
        PermitFuture third = h.callWithTurn("openai", "c", 300);
        PermitFuture first = h.callWithTurn("openai", "a", 100);
        PermitFuture second = h.callWithTurn("openai", "b", 200);

        assertServedInOrder(held, List.of(first, second, third));
    }

    @Test
    void underAGlobalLimitWaitersOfAllProvidersCompeteInOneOrder() {
        h.scheduler.setLimit("openai", 10);
        h.provider("anthropic", 10);
        h.scheduler.setGlobalLimit(1);
        Permit held = granted(h.callWithTurn("openai", "x", 1));
        PermitFuture openaiYoung = h.callWithTurn("openai", "a", 300);
        PermitFuture anthropicOld = h.callWithTurn("anthropic", "b", 100);
        PermitFuture openaiMiddle = h.callWithTurn("openai", "c", 200);

        held.release(Outcome.SUCCESS);
        assertThat(anthropicOld).isDone();
        assertThat(openaiMiddle).isNotDone();

        granted(anthropicOld).release(Outcome.SUCCESS);
        assertThat(openaiMiddle).isDone();
        assertThat(openaiYoung).isNotDone();

        granted(openaiMiddle).release(Outcome.SUCCESS);
        assertThat(openaiYoung).isDone();
    }

    @Test
    void theAgentsViewShowsTurnAndCallsPerProvider() {
        h.scheduler.setLimit("openai", 1);
        h.provider("anthropic", 1);
        granted(h.call("openai", "planner"));
        h.call("openai", "planner");
        granted(h.call("anthropic", "planner"));
        h.advance(Duration.ofSeconds(2));
        h.call("anthropic", "coder");

        List<AgentSnapshot> agents = h.scheduler.snapshot().agents();

        assertThat(agents).extracting(AgentSnapshot::agent).containsExactly("planner", "coder");
        AgentSnapshot planner = agents.get(0);
        assertThat(planner.inFlight()).isEqualTo(2);
        assertThat(planner.queued()).isEqualTo(1);
        assertThat(planner.byProvider()).extracting(Object::toString)
                .containsExactlyInAnyOrder("openai:1/1", "anthropic:1/0");
        assertThat(agents.get(1).turnStartMillis() - planner.turnStartMillis()).isEqualTo(2000);
    }

    @Test
    void idleAgentsLeaveTheAgentsView() {
        Permit permit = granted(h.call("openai", "a"));
        assertThat(h.scheduler.snapshot().agents()).hasSize(1);

        permit.release(Outcome.SUCCESS);

        assertThat(h.scheduler.snapshot().agents()).isEmpty();
    }
}
