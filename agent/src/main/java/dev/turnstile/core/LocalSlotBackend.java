package dev.turnstile.core;

import dev.turnstile.core.time.Cancellable;
import dev.turnstile.core.time.TimerService;

import java.util.function.IntSupplier;

/**
 * The in-memory {@link SlotBackend}: slots counted in this JVM ({@link SlotCounter}s, one per
 * provider and one for the global limit), the next call chosen by the {@link Dispatcher} from the
 * scheduler's own queues. It decides at once, under the scheduler's lock, so a grant reaches
 * {@link SlotBackend.Grants#granted} before the method that made it returns; and a call that can
 * start at once needs no ticket at all ({@link #takeAtOnce}, the uncontended path).
 *
 * <p>Its state is guarded by the scheduler's lock, which its cooldown timer takes too.
 */
final class LocalSlotBackend implements SlotBackend {

    private final SchedulerLock lock;
    private final TimerService timer;
    private final SlotCounter globalSlots;
    private final IntSupplier globalLimit;
    private final Dispatcher dispatcher;
    private Grants grants;

    LocalSlotBackend(SchedulerLock lock, TimerService timer, Providers providers, SlotCounter globalSlots,
                     IntSupplier globalLimit) {
        this.lock = lock;
        this.timer = timer;
        this.globalSlots = globalSlots;
        this.globalLimit = globalLimit;
        this.dispatcher = new Dispatcher(providers, globalSlots, globalLimit, this::wakeWhenBudgetHasRoom);
    }

    @Override
    public void bind(Grants grants) {
        this.grants = grants;
    }

    /**
     * The uncontended path, which makes no ticket: takes the provider's slot (and a global one)
     * when nobody could be ahead and there is room. Under the lock.
     */
    boolean takeAtOnce(ProviderState provider, long now) {
        return takeAtOnce(provider, 0, now);
    }

    /** The same for a call estimated at {@code tokenEstimate} tokens, which must fit the provider's budget. */
    boolean takeAtOnce(ProviderState provider, long tokenEstimate, long now) {
        if (!dispatcher.mayStartAtOnce(provider, tokenEstimate, now)) {
            return false;
        }
        take(provider);
        return true;
    }

    /**
     * The ticket is already in its provider's queue. The uncontended check is conservative under a
     * global limit, so the newcomer may in fact be first in line: a dispatch settles that.
     */
    @Override
    public Answer request(SlotTicket ticket) {
        Waiter waiter = (Waiter) ticket;
        Waiter head = waiter.provider.queue.peek(); // the newcomer, unless an older turn waits before it
        if (head != null && dispatcher.hasRoomFor(head, lock.now())) {
            dispatch();
        }
        return waiter.state == Waiter.GRANTED ? Answer.GRANTED : Answer.QUEUED;
    }

    /** Nothing to forget: a ticket waits in the scheduler's queue, and holds nothing here until granted. */
    @Override
    public void withdraw(SlotTicket ticket) {
    }

    @Override
    public void release(Permit permit, long cooldownNanos) {
        ProviderState provider = permit.provider;
        globalSlots.giveBack();
        if (cooldownNanos > 0) {
            timer.schedule(() -> coolDown(provider), cooldownNanos);
        } else {
            provider.slots.giveBack();
        }
    }

    @Override
    public void dispatch() {
        long now = lock.now();
        Waiter best;
        while ((best = dispatcher.next(now)) != null) {
            take(best.provider);
            if (!grants.granted(best)) {
                giveBack(best.provider);
                if (best.heapIndex >= 0) {
                    return; // refused yet still queued: a broken promise, and no reason to spin on it
                }
            }
        }
    }

    private void take(ProviderState provider) {
        if (!provider.slots.tryTake(provider.limit.limit())) {
            throw new IllegalStateException("no provider slot although there was room: " + provider.id);
        }
        if (!globalSlots.tryTake(globalLimit.getAsInt())) {
            provider.slots.giveBack();
            throw new IllegalStateException("no global slot although there was room");
        }
    }

    private void giveBack(ProviderState provider) {
        globalSlots.giveBack();
        provider.slots.giveBack();
    }

    /**
     * Only the provider's budget holds its line: nothing else (a release, a pause's end) would
     * dispatch when the budget has room, so a timer does, at the moment the window will fit the
     * head. An earlier timer already armed stays; a later one is moved up.
     */
    private void wakeWhenBudgetHasRoom(ProviderState provider, long estimate, long now) {
        long due = now + provider.budget.nanosUntilRoom(estimate, now);
        if (provider.budgetTimer != Cancellable.NONE && provider.budgetWakeNanos - due <= 0) {
            return;
        }
        provider.budgetTimer.cancel();
        provider.budgetWakeNanos = due;
        provider.budgetTimer = timer.schedule(() -> budgetHasRoom(provider), due - now);
    }

    private void budgetHasRoom(ProviderState provider) {
        lock.run(() -> {
            provider.budgetTimer = Cancellable.NONE;
            if (!provider.removed) {
                dispatch();
            }
        });
    }

    private void coolDown(ProviderState provider) {
        lock.run(() -> {
            provider.slots.giveBack();
            dispatch();
        });
    }
}
