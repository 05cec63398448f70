package dev.turnstile.redis;

import dev.turnstile.core.SlotBackend;
import dev.turnstile.core.SlotTicket;

/**
 * Hands the slots Redis granted to the tickets that wait for them here: at once when ACQUIRE
 * answered a slot, or later through a grant notice read from this JVM's list (which may come
 * before ACQUIRE's own answer). A slot whose ticket no longer wants it goes back to Redis. Called
 * by the link and reader threads, with no lock held.
 */
final class GrantHandover {

    private final FleetLedger ledger;
    private final ScriptQueue queue;
    private volatile SlotBackend.Grants grants;

    GrantHandover(FleetLedger ledger, ScriptQueue queue) {
        this.ledger = ledger;
        this.queue = queue;
    }

    void bind(SlotBackend.Grants grants) {
        this.grants = grants;
    }

    SlotBackend.Grants grants() {
        return grants;
    }

    /** The ticket's provider book, read while the ticket still waits; null once it does not. */
    ProviderBook bookIfWaiting(SlotTicket ticket) {
        ledger.lock.lock();
        try {
            return ledger.waiting.contains(ticket) ? ledger.books.get(ticket.providerId()) : null;
        } finally {
            ledger.lock.unlock();
        }
    }

    /** ACQUIRE answered a slot at once. */
    void acquiredAtOnce(SlotTicket ticket, String member) {
        boolean take;
        ledger.lock.lock();
        try {
            take = ledger.waiting.remove(ticket);
            if (take) {
                ledger.hold(ticket.providerId(), member);
            }
        } finally {
            ledger.lock.unlock();
        }
        if (take) {
            hand(ticket, member);
        } else {
            queue.addLocking(link -> link.release(ticket.providerId(), member, 0));
        }
    }

    /** ACQUIRE queued the ticket in Redis under {@code member}. */
    void queuedInRedis(SlotTicket ticket, String member) {
        boolean grantedAlready;
        ledger.lock.lock();
        try {
            if (!ledger.waiting.contains(ticket)) {
                queue.add(link -> link.cancel(ticket.providerId(), member));
                return;
            }
            grantedAlready = ledger.earlyNotices.remove(member);
            if (grantedAlready) {
                ledger.waiting.remove(ticket);
                ledger.hold(ticket.providerId(), member);
            } else {
                ledger.memberOf.put(ticket, member);
                ledger.ticketOf.put(member, ticket);
            }
        } finally {
            ledger.lock.unlock();
        }
        if (grantedAlready) {
            hand(ticket, member);
        }
    }

    /** A grant notice read from this JVM's list. Called by the reader thread. */
    void noticed(String member) {
        SlotTicket ticket;
        ledger.lock.lock();
        try {
            ticket = ledger.ticketOf.remove(member);
            if (ticket == null) {
                ledger.earlyNotices.add(member);
                return;
            }
            ledger.memberOf.remove(ticket);
            ledger.waiting.remove(ticket);
            ledger.hold(ticket.providerId(), member);
        } finally {
            ledger.lock.unlock();
        }
        hand(ticket, member);
    }

    /** Gives the scheduler a ticket's slots; if it no longer wants them, they go back to Redis. */
    private void hand(SlotTicket ticket, String member) {
        if (grants.granted(ticket)) {
            return;
        }
        ledger.lock.lock();
        try {
            ledger.unhold(ticket.providerId(), member);
        } finally {
            ledger.lock.unlock();
        }
        queue.addLocking(link -> link.release(ticket.providerId(), member, 0));
    }
}
