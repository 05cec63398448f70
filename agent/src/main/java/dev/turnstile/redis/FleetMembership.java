package dev.turnstile.redis;

import dev.turnstile.core.SlotTicket;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The backend's states and the moves between them, as the {@link FleetLink} decides them:
 * {@link FleetState#SHARED} (Redis counts), {@link FleetState#LOCAL} (this JVM counts its share)
 * and {@link FleetState#REJOINING} (a new incarnation is being registered; new calls wait for it
 * rather than being counted twice). Each move is told to the {@link FleetListener}s.
 */
final class FleetMembership {

    private final FleetLedger ledger;
    private final ScriptQueue queue;
    private final LocalShare localShare;
    private final List<FleetListener> listeners = new CopyOnWriteArrayList<>();
    private long failOvers;
    private long rejoins;
    private boolean joinedBefore;

    FleetMembership(FleetLedger ledger, ScriptQueue queue, LocalShare localShare) {
        this.ledger = ledger;
        this.queue = queue;
        this.localShare = localShare;
    }

    void addListener(FleetListener listener) {
        listeners.add(listener);
    }

    FleetState state() {
        return ledger.state;
    }

    /** Fall-overs to the local share since start. Under the ledger's lock. */
    long failOvers() {
        return failOvers;
    }

    /** Joins after the first. Under the ledger's lock. */
    long rejoins() {
        return rejoins;
    }

    /** Redis failed or was too slow: from now on this JVM counts its local share. */
    void fellBack(String reason) {
        FleetState from;
        ledger.lock.lock();
        try {
            from = ledger.state;
            if (from == FleetState.LOCAL) {
                return;
            }
            ledger.state = FleetState.LOCAL;
            if (from == FleetState.SHARED) {
                failOvers++;
            }
            queue.clear();
            ledger.forgetMembers();
        } finally {
            ledger.lock.unlock();
        }
        tell(from, FleetState.LOCAL, reason);
        localShare.dispatch();
    }

    /** A rejoin begins: new calls wait for it (a round trip or two) rather than being counted twice. */
    void rejoining(String reason) {
        FleetState from;
        ledger.lock.lock();
        try {
            from = ledger.state;
            ledger.state = FleetState.REJOINING;
            queue.clear();
            ledger.forgetMembers();
        } finally {
            ledger.lock.unlock();
        }
        if (from != FleetState.REJOINING) {
            tell(from, FleetState.REJOINING, reason);
        }
    }

    /** What a rejoin must tell Redis: the calls in flight here, limits not confirmed, pauses still running. */
    List<ProviderBook> booksForRejoin() {
        ledger.lock.lock();
        try {
            List<ProviderBook> copies = new ArrayList<>();
            long nanos = System.nanoTime();
            for (ProviderBook book : ledger.books.values()) {
                ProviderBook copy = new ProviderBook(book.id, book.limit, book.maxHoldMillis);
                copy.held = book.held;
                copy.limitUnsent = book.limitUnsent;
                copy.resumeUnsent = book.resumeUnsent;
                copy.pauseUntilNanos = book.pausedAt(nanos) ? book.pauseUntilNanos : 0;
                copies.add(copy);
            }
            return copies;
        } finally {
            ledger.lock.unlock();
        }
    }

    /** This JVM's global limit, and whether it was written here and not yet confirmed by Redis. */
    static final class GlobalLimit {
        private final int limit;
        private final boolean unsent;

        GlobalLimit(int limit, boolean unsent) {
            this.limit = limit;
            this.unsent = unsent;
        }

        int limit() {
            return limit;
        }

        boolean unsent() {
            return unsent;
        }
    }

    GlobalLimit globalLimitForRejoin() {
        ledger.lock.lock();
        try {
            return new GlobalLimit(ledger.globalLimit, ledger.globalUnsent);
        } finally {
            ledger.lock.unlock();
        }
    }

    /**
     * The rejoin went through: the adopted members are this JVM's again (those of calls that ended
     * meanwhile go back), and every waiting ticket asks Redis, oldest first.
     */
    void rejoined(Map<String, List<String>> adopted, String reason) {
        FleetState from;
        ledger.lock.lock();
        try {
            from = ledger.state;
            ledger.state = FleetState.SHARED;
            if (joinedBefore) {
                rejoins++;
            }
            joinedBefore = true;
            for (Map.Entry<String, List<String>> entry : adopted.entrySet()) {
                ProviderBook book = ledger.books.get(entry.getKey());
                book.members.addAll(entry.getValue());
                while (book.members.size() > book.held) {
                    String member = book.members.poll();
                    queue.add(link -> link.release(book.id, member, 0));
                }
            }
            for (SlotTicket ticket : ledger.waiting) {
                queue.add(link -> link.acquire(ticket));
            }
        } finally {
            ledger.lock.unlock();
        }
        tell(from, FleetState.SHARED, reason);
    }

    private void tell(FleetState from, FleetState to, String reason) {
        for (FleetListener listener : listeners) {
            try {
                listener.stateChanged(from, to, reason);
            } catch (RuntimeException ignored) {
                // a listener's failure is its own
            }
        }
    }
}
