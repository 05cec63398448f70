package dev.turnstile.redis;

import dev.turnstile.core.ProviderSettings;
import dev.turnstile.core.SlotScheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What each heartbeat tells of the fleet, applied to this JVM: live replicas, reclaimed entries,
 * each provider's fleet numbers, and the changes other JVMs made (limits, pauses), which go to the
 * local scheduler so that JMX shows them, without being sent back to Redis.
 */
final class FleetNews {

    private final FleetLedger ledger;
    private final ScriptQueue queue;
    private volatile SlotScheduler scheduler;
    private volatile Thread applying;
    private long leasesReclaimed;

    FleetNews(FleetLedger ledger, ScriptQueue queue) {
        this.ledger = ledger;
        this.queue = queue;
    }

    void follow(SlotScheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** True on the thread applying the fleet's changes: what the scheduler then reports came from Redis. */
    boolean isApplying() {
        return Thread.currentThread() == applying;
    }

    /** Entries of dead JVMs reclaimed by this JVM's heartbeats. Under the ledger's lock. */
    long leasesReclaimed() {
        return leasesReclaimed;
    }

    /** A heartbeat's news. Called by the link thread, no lock held. */
    void heard(Tick tick) {
        List<ProviderSettings> known = new ArrayList<>();
        for (ProviderView view : tick.providers()) {
            try {
                known.add(scheduler.settingsOf(view.id()));
            } catch (IllegalArgumentException notHere) {
                // a provider of other replicas only
            }
        }
        int global = scheduler.currentSettings().globalLimit();
        List<Runnable> apply = new ArrayList<>();
        ledger.lock.lock();
        try {
            known.forEach(ledger::book);
            if (global != ledger.globalLimit) {
                ledger.globalLimit = global; // changed here over JMX: the fleet's global limit from now on
                queue.add(link -> link.setGlobalLimit(global));
            }
            ledger.liveInstances = Math.max(1, tick.liveInstances());
            leasesReclaimed += tick.reclaimed();
            long nanos = System.nanoTime();
            for (ProviderView view : tick.providers()) {
                ProviderBook book = ledger.books.get(view.id());
                if (book == null) {
                    continue;
                }
                book.fleetInFlight = view.inFlight();
                book.fleetQueued = view.queued();
                if (view.limit() != book.limit && !book.limitUnsent) {
                    int limit = view.limit();
                    apply.add(() -> scheduler.setLimit(view.id(), limit));
                }
                long pauseLeft = view.pauseUntilMillis() - tick.redisNowMillis();
                if (pauseLeft > 0 && !book.pausedAt(nanos + TimeUnit.MILLISECONDS.toNanos(pauseLeft) - 50_000_000L)) {
                    apply.add(() -> scheduler.pause(view.id(), pauseLeft));
                }
            }
        } finally {
            ledger.lock.unlock();
        }
        apply(apply);
    }

    /** The link saw a limit confirmed by Redis. */
    void limitSent(String provider, int limit) {
        ledger.lock.lock();
        try {
            ProviderBook book = ledger.books.get(provider);
            if (book != null && book.limit == limit) {
                book.limitUnsent = false;
            }
        } finally {
            ledger.lock.unlock();
        }
    }

    /** Changes made elsewhere in the fleet, applied to this JVM's scheduler without sending them back. */
    private void apply(List<Runnable> changes) {
        applying = Thread.currentThread();
        try {
            for (Runnable change : changes) {
                try {
                    change.run();
                } catch (IllegalArgumentException providerGone) {
                    // removed here meanwhile: nothing to show
                }
            }
        } finally {
            applying = null;
        }
    }
}
