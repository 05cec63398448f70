package dev.turnstile.core;

/**
 * Counts the taken slots of one limit. The scheduler owns the policy (who waits, in which order,
 * when a provider is paused); a counter only counts. Keeping the two apart lets the count move to
 * a shared store later (several JVMs sharing one provider limit) without touching the policy.
 *
 * <p>Called only under the scheduler's lock.
 */
public interface SlotCounter {

    /** Takes a slot if fewer than {@code limit} are taken; {@code limit} 0 means unlimited. */
    boolean tryTake(int limit);

    /** Gives back a slot taken before. */
    void giveBack();

    /** Slots taken now, including those still cooling down after release. */
    int taken();

    /** Makes a counter for a provider id, or for the global limit. */
    interface Factory {
        String GLOBAL = "*global*";

        SlotCounter create(String key);

        /** Counters held in this JVM. */
        static Factory local() {
            return key -> new LocalSlotCounter();
        }
    }
}
