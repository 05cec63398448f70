package dev.turnstile.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.turnstile.core.SchedulerHarness.granted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlotSchedulerAdmissionTest {

    private final SchedulerHarness h = new SchedulerHarness().provider("openai", 2);

    @Test
    void admitsUpToTheLimitAndQueuesTheRest() {
        PermitFuture a = h.call("openai", "a");
        PermitFuture b = h.call("openai", "b");
        PermitFuture c = h.call("openai", "c");

        assertThat(a).isDone();
        assertThat(b).isDone();
        assertThat(c).isNotDone();
        assertThat(c.isQueued()).isTrue();
        assertThat(h.stats("openai").inFlight()).isEqualTo(2);
        assertThat(h.stats("openai").queued()).isEqualTo(1);
    }

    @Test
    void aReleasedSlotGoesToTheNextWaiter() {
        Permit a = granted(h.call("openai", "a"));
        granted(h.call("openai", "b"));
        PermitFuture c = h.call("openai", "c");

        a.release(Outcome.SUCCESS);

        assertThat(granted(c).isGated()).isTrue();
        assertThat(h.stats("openai").inFlight()).isEqualTo(2);
        assertThat(h.stats("openai").queued()).isZero();
    }

    @Test
    void unlimitedProviderAdmitsEveryoneButStillCounts() {
        h.provider("ollama", 0);
        List<Permit> permits = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            permits.add(granted(h.call("ollama", "a" + i)));
        }
        assertThat(h.stats("ollama").inFlight()).isEqualTo(100);
        permits.forEach(p -> p.release(Outcome.SUCCESS));
        assertThat(h.stats("ollama").completed()).isEqualTo(100);
    }

    @Test
    void unknownProviderPassesUngated() {
        Permit permit = granted(h.call("somewhere-else", "a"));

        assertThat(permit.isGated()).isFalse();
        permit.release(Outcome.SUCCESS); // harmless
        assertThat(h.scheduler.snapshot().globalInFlight()).isZero();
    }

    @Test
    void raisingTheLimitAdmitsWaitersAtOnce() {
        granted(h.call("openai", "a"));
        granted(h.call("openai", "b"));
        PermitFuture c = h.call("openai", "c");
        PermitFuture d = h.call("openai", "d");
        PermitFuture e = h.call("openai", "e");

        h.scheduler.setLimit("openai", 4);

        assertThat(c).isDone();
        assertThat(d).isDone();
        assertThat(e).isNotDone();
        assertThat(h.events).contains("limit openai 2->4");
    }

    @Test
    void raisingToUnlimitedAdmitsEveryWaiter() {
        granted(h.call("openai", "a"));
        granted(h.call("openai", "b"));
        PermitFuture c = h.call("openai", "c");

        h.scheduler.setLimit("openai", 0);

        assertThat(c).isDone();
    }

    @Test
    void loweringTheLimitCutsNothingAndDrainsTheExcess() {
        h.scheduler.setLimit("openai", 3);
        Permit a = granted(h.call("openai", "a"));
        Permit b = granted(h.call("openai", "b"));
        Permit c = granted(h.call("openai", "c"));
        PermitFuture d = h.call("openai", "d");

        h.scheduler.setLimit("openai", 1);
        assertThat(a.isActive()).isTrue();
        assertThat(h.stats("openai").inFlight()).isEqualTo(3);

        a.release(Outcome.SUCCESS);
        b.release(Outcome.SUCCESS);
        assertThat(d).as("still two over the new limit of 1").isNotDone();
        c.release(Outcome.SUCCESS);
        assertThat(d).isDone();
    }

    @Test
    void aCallNeedsBothAProviderAndAGlobalSlot() {
        h.scheduler.setGlobalLimit(2);
        h.provider("anthropic", 5);
        Permit a = granted(h.call("openai", "a"));
        granted(h.call("anthropic", "b"));
        PermitFuture c = h.call("anthropic", "c");

        assertThat(c).as("anthropic has room, but the global limit is reached").isNotDone();
        a.release(Outcome.SUCCESS);
        assertThat(c).isDone();
        assertThat(h.scheduler.snapshot().globalInFlight()).isEqualTo(2);
    }

    @Test
    void raisingTheGlobalLimitAdmitsWaiters() {
        h.scheduler.setGlobalLimit(1);
        granted(h.call("openai", "a"));
        PermitFuture b = h.call("openai", "b");

        h.scheduler.setGlobalLimit(0);

        assertThat(b).isDone();
    }

    @Test
    void aWaiterBlockedByItsFullProviderDoesNotHoldBackAnotherProvider() {
        h.scheduler.setGlobalLimit(3);
        h.provider("anthropic", 5);
        granted(h.call("openai", "a"));
        granted(h.call("openai", "b"));
        PermitFuture queuedForOpenai = h.call("openai", "c");

        PermitFuture anthropic = h.call("anthropic", "d");

        assertThat(queuedForOpenai).isNotDone();
        assertThat(anthropic).as("the global limit has room and anthropic too").isDone();
    }

    @Test
    void badLimitsAreRefusedWithAClearMessageAndChangeNothing() {
        assertThatThrownBy(() -> h.scheduler.setLimit("openai", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("openai").hasMessageContaining("-1");
        assertThatThrownBy(() -> h.scheduler.setLimit("nope", 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown provider 'nope'");
        assertThatThrownBy(() -> h.scheduler.setGlobalLimit(-5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(h.stats("openai").limit()).isEqualTo(2);
        assertThat(h.scheduler.snapshot().globalLimit()).isZero();
    }

    @Test
    void blockingAcquireReturnsAtOnceWhenThereIsRoom() throws Exception {
        Permit permit = h.scheduler.acquire(CallRequest.of("openai", "a"));

        assertThat(permit.isGated()).isTrue();
        assertThat(permit.providerId()).isEqualTo("openai");
        permit.release(Outcome.SUCCESS);
        assertThat(h.stats("openai").completed()).isEqualTo(1);
    }
}
