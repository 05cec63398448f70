package dev.turnstile.redis;

import dev.turnstile.core.SlotTicket;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * While Redis cannot be asked, this JVM admits calls under its share of each limit (limit ÷ live
 * replicas at the last heartbeat, at least 1) and of the global limit, oldest turn first, as the
 * in-memory backend does. The counting happens under the ledger's lock; the grants after it.
 */
final class LocalShare {

    private final FleetLedger ledger;
    private final GrantHandover handover;

    LocalShare(FleetLedger ledger, GrantHandover handover) {
        this.ledger = ledger;
        this.handover = handover;
    }

    /** Grants every waiting ticket that fits its provider's share and the global share. No-op unless local. */
    void dispatch() {
        List<SlotTicket> chosen = new ArrayList<>();
        ledger.lock.lock();
        try {
            if (ledger.state != FleetState.LOCAL || ledger.waiting.isEmpty()) {
                return;
            }
            long nanos = System.nanoTime();
            int globalShare = ProviderBook.share(ledger.globalLimit, ledger.liveInstances);
            for (Iterator<SlotTicket> it = ledger.waiting.iterator(); it.hasNext(); ) {
                if (globalShare > 0 && ledger.globalHeld >= globalShare) {
                    break;
                }
                SlotTicket ticket = it.next();
                ProviderBook book = ledger.books.get(ticket.providerId());
                if (book.hasLocalRoom(nanos, ledger.liveInstances)) {
                    it.remove();
                    book.held++;
                    ledger.globalHeld++;
                    chosen.add(ticket);
                }
            }
        } finally {
            ledger.lock.unlock();
        }
        for (SlotTicket ticket : chosen) {
            if (!handover.grants().granted(ticket)) {
                ledger.lock.lock();
                try {
                    ledger.unhold(ticket.providerId(), null);
                } finally {
                    ledger.lock.unlock();
                }
            }
        }
    }
}
