package dev.turnstile.core;

import java.util.function.IntSupplier;

/**
 * Who is granted next: the oldest turn first, then the earliest arrival, across every provider
 * with room, so that under a global limit the waiters of all providers compete in one order. Room
 * means: the provider is not paused, its overload breaker holds no calls, it has fewer calls than its limit in force, and the global
 * limit (if any) is not reached. Decides only; the {@link LocalSlotBackend} takes the slots.
 * Called under the scheduler's lock.
 */
final class Dispatcher {

    private final Providers providers;
    private final SlotCounter globalSlots;
    private final IntSupplier globalLimit;

    Dispatcher(Providers providers, SlotCounter globalSlots, IntSupplier globalLimit) {
        this.providers = providers;
        this.globalSlots = globalSlots;
        this.globalLimit = globalLimit;
    }

    /**
     * The uncontended path: nobody queued who could be ahead of a new call, and room for it. With a
     * global limit any waiter anywhere might compete for the global slot, so only an empty
     * scheduler qualifies.
     */
    boolean mayStartAtOnce(ProviderState provider, long now) {
        boolean nobodyAhead = globalLimit.getAsInt() == 0 ? provider.queue.isEmpty() : providers.queued == 0;
        return nobodyAhead && hasRoom(provider, now);
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
            if (head != null && (best == null || head.compareTo(best) < 0) && hasRoom(provider, now)) {
                best = head;
            }
        }
        return best;
    }
}
