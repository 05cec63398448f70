package dev.turnstile.redis;

import dev.turnstile.core.ProviderSettings;
import dev.turnstile.core.SlotScheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What each heartbeat tells of the fleet, applied to this JVM: live replicas, reclaimed entries,
 * each provider's fleet numbers, and the changes other JVMs made (limits, the limit in force after
 * rate limits, pauses and their early ends, the global limit), which go to the local scheduler so
 * that JMX shows them and the local share uses them, without being sent back to Redis.
 */
final class FleetNews {

    /** Two pause ends closer than this are one (clocks and round trips differ by a few milliseconds). */
    static final long SAME_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

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
                ledger.globalUnsent = true;
                queue.add(link -> link.setGlobalLimit(global));
            } else if (!ledger.globalUnsent && tick.globalLimit() != global) {
                int fleetGlobal = tick.globalLimit(); // written in another JVM
                apply.add(() -> followGlobalLimit(fleetGlobal));
            }
            ledger.liveInstances = Math.max(1, tick.liveInstances());
            leasesReclaimed += tick.reclaimed();
            long nanos = System.nanoTime();
            for (ProviderView view : tick.providers()) {
                ProviderBook book = ledger.books.get(view.id());
                if (book != null) {
                    book.fleetInFlight = view.inFlight();
                    book.fleetQueued = view.queued();
                    changesOf(view, book, tick.redisNowMillis(), nanos, apply);
                }
            }
        } finally {
            ledger.lock.unlock();
        }
        apply(apply);
    }

    /**
     * What other JVMs changed of one provider: its limit, its limit in force, its pause. Changes of
     * this JVM that Redis has not answered yet win over the heartbeat's older view. Under the lock.
     */
    private void changesOf(ProviderView view, ProviderBook book, long redisNowMillis, long nanos, List<Runnable> apply) {
        if (book.limitUnsent) {
            return;
        }
        String id = view.id();
        int inForce = book.effective;
        if (view.limit() != book.limit) {
            int limit = view.limit();
            apply.add(() -> scheduler.setLimit(id, limit));
            inForce = limit; // an operator's limit ends the adaptation here as in Redis
        }
        if (book.changesUnsent > 0) {
            return;
        }
        if (view.effectiveLimit() != inForce) {
            int effective = view.effectiveLimit();
            apply.add(() -> scheduler.followLimit(id, effective));
        }
        long pauseLeft = view.pauseUntilMillis() - redisNowMillis;
        if (pauseLeft > 0 && !book.pausedAt(nanos + TimeUnit.MILLISECONDS.toNanos(pauseLeft) - SAME_PAUSE_NANOS)) {
            apply.add(() -> scheduler.pause(id, pauseLeft));
        } else if (pauseLeft <= 0 && book.pausedAt(nanos + SAME_PAUSE_NANOS)) {
            apply.add(() -> scheduler.resume(id)); // an operator ended it in another JVM
        }
    }

    private void followGlobalLimit(int fleetGlobal) {
        scheduler.setGlobalLimit(fleetGlobal);
        ledger.lock.lock();
        try {
            ledger.globalLimit = fleetGlobal;
        } finally {
            ledger.lock.unlock();
        }
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

    /** The link saw the global limit confirmed by Redis. */
    void globalLimitSent(int limit) {
        ledger.lock.lock();
        try {
            if (ledger.globalLimit == limit) {
                ledger.globalUnsent = false;
            }
        } finally {
            ledger.lock.unlock();
        }
    }

    /** Redis answered a pause, resume or rate limit of the provider queued here. */
    void changeSent(String provider, boolean resume) {
        ledger.lock.lock();
        try {
            ProviderBook book = ledger.books.get(provider);
            if (book != null) {
                book.changesUnsent = Math.max(0, book.changesUnsent - 1);
                if (resume) {
                    book.resumeUnsent = false;
                }
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
