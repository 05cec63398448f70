package dev.turnstile.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory backend through the asynchronous seam: a ticket is granted now or queued, a queued
 * ticket's grant comes through the callback, a grant that loses the race with a withdrawal gives
 * its slots back, and a release returns slots (after the cooldown for the provider's).
 */
class LocalSlotBackendTest {

    private final FakeTime time = new FakeTime();
    private final SchedulerLock lock = new SchedulerLock(time, new CopyOnWriteArrayList<>());
    private final Providers providers = new Providers();
    private final SlotCounter globalSlots = new LocalSlotCounter();
    private int globalLimit;
    private final LocalSlotBackend backend = new LocalSlotBackend(lock, time, providers, globalSlots, () -> globalLimit);
    private final Host host = new Host();
    private final List<SlotBackend.Answer> answers = new ArrayList<>();
    private long sequence;

    LocalSlotBackendTest() {
        backend.bind(host);
    }

    /** The scheduler's side of the seam, reduced to what the backend may see: it takes granted tickets out of the line. */
    private final class Host implements SlotBackend.Grants {
        final List<SlotTicket> granted = new ArrayList<>();
        /** Tickets withdrawn on another thread after the backend chose them. */
        final Set<SlotTicket> withdrawnMeanwhile = new HashSet<>();
        boolean alwaysUnderTheLock = true;

        @Override
        public boolean granted(SlotTicket ticket) {
            alwaysUnderTheLock &= lock.isHeldByCurrentThread();
            Waiter waiter = (Waiter) ticket;
            if (waiter.provider.queue.remove(waiter)) {
                providers.queued--;
            }
            if (withdrawnMeanwhile.contains(ticket)) {
                return false;
            }
            waiter.grant(new Permit(null, waiter.provider, null, lock.now()));
            granted.add(ticket);
            return true;
        }
    }

    private ProviderState provider(String id, int limit) {
        return ProviderStates.add(providers, id, limit);
    }

    /** A call joins its provider's line, as the waiting line does, and asks the backend; its answer goes to {@link #answers}. */
    private Waiter request(ProviderState provider, long turnStartMillis) {
        lock.lock();
        try {
            Waiter ticket = ProviderStates.queue(providers, provider, turnStartMillis, sequence++, lock.now());
            answers.add(backend.request(ticket));
            return ticket;
        } finally {
            lock.unlock();
        }
    }

    private boolean takeAtOnce(ProviderState provider) {
        return lock.call(() -> backend.takeAtOnce(provider, lock.now()));
    }

    private void releaseAndDispatch(ProviderState provider, long cooldownNanos) {
        lock.run(() -> {
            backend.release(new Permit(null, provider, null, 0), cooldownNanos);
            backend.dispatch();
        });
    }

    @Test
    void theUncontendedPathTakesBothSlotsWithoutATicket() {
        globalLimit = 2;
        ProviderState openai = provider("openai", 1);

        assertThat(takeAtOnce(openai)).isTrue();
        assertThat(takeAtOnce(openai)).as("the provider's one slot is taken").isFalse();

        assertThat(openai.slots.taken()).isEqualTo(1);
        assertThat(globalSlots.taken()).isEqualTo(1);
    }

    @Test
    void aTicketThatFitsIsGrantedNowThroughTheCallbackUnderTheLock() {
        ProviderState openai = provider("openai", 1);
        Waiter ticket = request(openai, 10);

        assertThat(answers).containsExactly(SlotBackend.Answer.GRANTED);
        assertThat(host.granted).containsExactly(ticket);
        assertThat(host.alwaysUnderTheLock).isTrue();
        assertThat(openai.slots.taken()).isEqualTo(1);
    }

    @Test
    void aTicketWithoutRoomIsQueuedAndNotGranted() {
        ProviderState openai = provider("openai", 1);
        assertThat(takeAtOnce(openai)).isTrue();

        request(openai, 10);

        assertThat(answers).containsExactly(SlotBackend.Answer.QUEUED);
        assertThat(host.granted).isEmpty();
    }

    @Test
    void aQueuedTicketIsGrantedThroughTheCallbackWhenASlotComesBack() {
        ProviderState openai = provider("openai", 1);
        assertThat(takeAtOnce(openai)).isTrue();
        request(openai, 20);
        Waiter earlier = request(openai, 10);

        lock.run(() -> backend.release(new Permit(null, openai, null, 0), 0));
        assertThat(host.granted).as("a release grants nothing by itself").isEmpty();
        lock.run(backend::dispatch);

        assertThat(host.granted).containsExactly(earlier);
        assertThat(host.alwaysUnderTheLock).isTrue();
        assertThat(openai.slots.taken()).isEqualTo(1);
    }

    @Test
    void aGrantThatLosesTheRaceWithAWithdrawalGivesTheSlotsBackAndTheNextTicketGetsThem() {
        globalLimit = 1;
        ProviderState openai = provider("openai", 1);
        assertThat(takeAtOnce(openai)).isTrue();
        Waiter withdrawn = request(openai, 10);
        Waiter next = request(openai, 20);
        host.withdrawnMeanwhile.add(withdrawn);

        releaseAndDispatch(openai, 0);

        assertThat(host.granted).containsExactly(next);
        assertThat(openai.slots.taken()).isEqualTo(1);
        assertThat(globalSlots.taken()).isEqualTo(1);
    }

    @Test
    void aWithdrawnTicketIsNeverGranted() {
        ProviderState openai = provider("openai", 1);
        assertThat(takeAtOnce(openai)).isTrue();
        Waiter ticket = request(openai, 10);

        lock.run(() -> {
            openai.queue.remove(ticket); // the call gave up: it leaves the line, then the backend
            providers.queued--;
            backend.withdraw(ticket);
        });
        releaseAndDispatch(openai, 0);

        assertThat(host.granted).isEmpty();
        assertThat(openai.slots.taken()).isZero();
    }

    @Test
    void aReleasedProviderSlotCoolsDownButTheGlobalSlotIsFreeAtOnce() {
        globalLimit = 2;
        ProviderState openai = provider("openai", 1);
        assertThat(takeAtOnce(openai)).isTrue();
        Waiter ticket = request(openai, 10);

        releaseAndDispatch(openai, TimeUnit.MILLISECONDS.toNanos(500));
        assertThat(globalSlots.taken()).isZero();
        assertThat(openai.slots.taken()).isEqualTo(1);
        time.advance(Duration.ofMillis(499));
        assertThat(host.granted).isEmpty();
        time.advance(Duration.ofMillis(1));

        assertThat(host.granted).as("the cooldown's end dispatches").containsExactly(ticket);
        assertThat(host.alwaysUnderTheLock).isTrue();
    }
}
