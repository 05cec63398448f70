package dev.turnstile.redis;

import dev.turnstile.core.ProviderSettings;
import dev.turnstile.core.SlotTicket;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What this JVM's fleet backend knows, behind one lock: the tickets that wait for slots, their
 * members in Redis, grant notices that came early, each provider's {@link ProviderBook}, the
 * global numbers and the backend's {@link FleetState}. Plain data; the parts of the backend that
 * change it take {@link #lock} (after the scheduler's, never before).
 */
final class FleetLedger {

    static final Comparator<SlotTicket> ORDER = Comparator.comparingLong(SlotTicket::turnStartMillis)
            .thenComparingLong(SlotTicket::sequence);

    final ReentrantLock lock = new ReentrantLock();
    final TreeSet<SlotTicket> waiting = new TreeSet<>(ORDER);
    final Map<SlotTicket, String> memberOf = new HashMap<>();
    final Map<String, SlotTicket> ticketOf = new HashMap<>();
    /** Grant notices read before the ACQUIRE that queued their member had answered. */
    final Set<String> earlyNotices = new HashSet<>();
    final Map<String, ProviderBook> books = new HashMap<>();

    volatile FleetState state = FleetState.REJOINING;
    int liveInstances = 1;
    int globalLimit;
    /** A global limit written here that Redis has not confirmed yet: pushed again on rejoin. */
    boolean globalUnsent;
    int globalHeld;

    boolean shared() {
        return state == FleetState.SHARED;
    }

    /** Counts a slot of {@code provider} held here under {@code member}. Under the lock. */
    void hold(String provider, String member) {
        ProviderBook book = books.get(provider);
        book.held++;
        globalHeld++;
        book.members.add(member);
    }

    /** A slot counted here that its ticket did not take after all. Under the lock. */
    void unhold(String provider, String member) {
        ProviderBook book = books.get(provider);
        book.held--;
        globalHeld--;
        if (member != null) {
            book.members.remove(member);
        }
    }

    /** Opens the provider's book the first time one of its calls is seen. Under the lock. */
    void book(ProviderSettings settings) {
        books.computeIfAbsent(settings.id(),
                id -> new ProviderBook(id, settings.limit(), settings.maxHold().toMillis()));
    }

    /**
     * Forgets every member in Redis (they belong to an incarnation the next join purges) and the
     * changes queued for it. Under the lock.
     */
    void forgetMembers() {
        memberOf.clear();
        ticketOf.clear();
        earlyNotices.clear();
        for (ProviderBook book : books.values()) {
            book.members.clear();
            book.changesUnsent = 0; // the queue that held them is cleared
        }
    }

    boolean isWaiting(SlotTicket ticket) {
        lock.lock();
        try {
            return waiting.contains(ticket);
        } finally {
            lock.unlock();
        }
    }
}
