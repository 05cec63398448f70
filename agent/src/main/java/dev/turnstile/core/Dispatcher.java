package dev.turnstile.core;

import java.util.function.IntSupplier;

/**
 * Who is granted next: the oldest turn first, then the earliest arrival, across every provider
 * with room, so that under a global limit the waiters of all providers compete in one order. Room
 * means: the provider is not paused, its overload breaker holds no calls, it has fewer calls than
 * its limit in force, the global limit (if any) is not reached, and its request and token budgets
 * fit the head's call. A head held by its budget alone holds the calls behind it too (never
 * reordered), and is reported to {@link BudgetWakeups} so that the line is woken when the budget
 * has room. Decides only; the {@link LocalSlotBackend} takes the slots.
 * Called under the scheduler's lock.
 */
final class Dispatcher {

    private final Providers providers;
    private final SlotCounter globalSlots;
    private final IntSupplier globalLimit;
    private final BudgetWakeups wakeups;

    /** Told of a queue head that only its provider's budget holds back. */
    @FunctionalInterface
    interface BudgetWakeups {
        BudgetWakeups NONE = (provider, estimate, now) -> { };

        void heldByBudget(ProviderState provider, long estimate, long now);
    }

    Dispatcher(Providers providers, SlotCounter globalSlots, IntSupplier globalLimit) {
        this(providers, globalSlots, globalLimit, BudgetWakeups.NONE);
    }

    Dispatcher(Providers providers, SlotCounter globalSlots, IntSupplier globalLimit, BudgetWakeups wakeups) {
        this.providers = providers;
        this.globalSlots = globalSlots;
        this.globalLimit = globalLimit;
        this.wakeups = wakeups;
    }

    /**
     * The uncontended path: nobody queued who could be ahead of a new call, and room for it. With a
     * global limit any waiter anywhere might compete for the global slot, so only an empty
     * scheduler qualifies.
     */
    boolean mayStartAtOnce(ProviderState provider, long now) {
        return mayStartAtOnce(provider, 0, now);
    }

    /** The same for a call estimated at {@code tokenEstimate} tokens, which must fit the budget too. */
    boolean mayStartAtOnce(ProviderState provider, long tokenEstimate, long now) {
        boolean nobodyAhead = globalLimit.getAsInt() == 0 ? provider.queue.isEmpty() : providers.queued == 0;
        return nobodyAhead && hasRoom(provider, now) && provider.budget.admits(tokenEstimate, now);
    }

    /** Room for a provider's queue head: its slots, and its budget (else a wake-up is asked for). */
    boolean hasRoomFor(Waiter head, long now) {
        return hasRoom(head.provider, now) && budgetAdmits(head, now);
    }

    private boolean budgetAdmits(Waiter head, long now) {
        if (head.provider.budget.admits(head.tokenEstimate, now)) {
            return true;
        }
        wakeups.heldByBudget(head.provider, head.tokenEstimate, now);
        return false;
    }

    boolean hasRoom(ProviderState provider, long now) {
        int limit = provider.limit.limit();
        int global = globalLimit.getAsInt();
        return !provider.pause.isPausedAt(now)
                && !provider.breaker.holdsCalls()
                && (limit == 0 || provider.slots.taken() < limit)
                && (global == 0 || globalSlots.taken() < global);
    }

    /** The best queue head that has room now, or null when none does. */
    Waiter next(long now) {
        if (providers.queued == 0) {
            return null;
        }
        Waiter best = null;
        for (ProviderState provider : providers.inOrder()) {
            Waiter head = provider.queue.peek();
            if (head != null && (best == null || head.compareTo(best) < 0) && hasRoomFor(head, now)) {
                best = head;
            }
        }
        return best;
    }
}
