package dev.turnstile.core;

/**
 * Counts the taken slots of one limit in this JVM: the counting primitive of the
 * {@link LocalSlotBackend}. The scheduler owns the policy (who waits, in which order, when a
 * provider is paused); a counter only counts. A store shared by several JVMs plugs in one level up,
 * as a {@link SlotBackend}, whose decisions may take a round trip.
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
