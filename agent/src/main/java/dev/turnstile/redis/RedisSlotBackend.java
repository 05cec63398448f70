package dev.turnstile.redis;

import dev.turnstile.core.Permit;
import dev.turnstile.core.ProviderSettings;
import dev.turnstile.core.SchedulerListener;
import dev.turnstile.core.SlotBackend;
import dev.turnstile.core.SlotScheduler;
import dev.turnstile.core.SlotTicket;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Provider limits shared by every JVM of a namespace through Redis: a {@link SlotBackend} whose
 * decisions are made by the scripts of {@link FleetSlots}. This class is the door the scheduler
 * sees; the work is done by parts with one job each, around one {@link FleetLedger}:
 * <ul>
 *   <li>the scheduler's calls only record what is to be asked, in the {@link ScriptQueue} (never a
 *       round trip under its lock);</li>
 *   <li>the {@link FleetLink} thread asks, one script at a time, with a socket timeout that bounds
 *       any call's wait on Redis, beats the heartbeat and decides the moves between the states
 *       of {@link FleetMembership}: shared, local (limit ÷ live replicas, counted by
 *       {@link LocalShare}) and rejoining (a new incarnation that adopts the calls in flight);</li>
 *   <li>the {@link GrantReader} thread reads the grants other JVMs' releases made to this one, and
 *       {@link GrantHandover} gives them to the waiting tickets;</li>
 *   <li>{@link FleetNews} applies each heartbeat's news (other JVMs' limits and pauses) to the
 *       local scheduler, so JMX shows them.</li>
 * </ul>
 * Lock order: the scheduler's lock, then the ledger's; the threads call the scheduler with
 * neither held.
 */
public final class RedisSlotBackend implements SlotBackend, SchedulerListener, AutoCloseable {

    private final FleetLedger ledger = new FleetLedger();
    private final ScriptQueue queue = new ScriptQueue(ledger);
    private final GrantHandover handover = new GrantHandover(ledger, queue);
    private final LocalShare localShare = new LocalShare(ledger, handover);
    private final FleetMembership membership = new FleetMembership(ledger, queue, localShare);
    private final FleetNews news = new FleetNews(ledger, queue);
    private final FleetLink link;
    private SlotScheduler scheduler;

    public RedisSlotBackend(RedisConnections connections, String namespace, FleetTimings timings) {
        ledger.liveInstances = timings.expectedInstances(); // until a heartbeat counts them
        this.link = new FleetLink(new FleetLink.Parts(queue, membership, handover, news), connections, namespace,
                timings);
    }

    /** Starts the threads that talk to Redis, for {@code scheduler}, which was built with this backend. */
    public void start(SlotScheduler scheduler) {
        this.scheduler = scheduler;
        news.follow(scheduler);
        scheduler.addListener(this);
        ledger.globalLimit = scheduler.currentSettings().globalLimit();
        link.start();
    }

    public void addListener(FleetListener listener) {
        membership.addListener(listener);
    }

    /** Leaves the fleet (this JVM's slots go to other JVMs' waiters at once) and stops the threads. */
    @Override
    public void close() {
        link.stop();
    }

    public FleetState state() {
        return ledger.state;
    }

    // ---------------------------------------------------------------- SlotBackend, under the scheduler's lock

    @Override
    public void bind(Grants grants) {
        handover.bind(grants);
    }

    @Override
    public Answer request(SlotTicket ticket) {
        ProviderSettings settings = scheduler.settingsOf(ticket.providerId()); // the scheduler's lock is ours
        int global = scheduler.currentSettings().globalLimit();
        ledger.lock.lock();
        try {
            ledger.book(settings);
            ledger.waiting.add(ticket);
            if (global != ledger.globalLimit) {
                ledger.globalLimit = global; // written here: the fleet's from now on
                ledger.globalUnsent = true;
                queue.add(link -> link.setGlobalLimit(global));
            }
            if (ledger.shared()) {
                queue.add(link -> link.acquire(ticket));
                return Answer.QUEUED;
            }
        } finally {
            ledger.lock.unlock();
        }
        localShare.dispatch();
        return ledger.isWaiting(ticket) ? Answer.QUEUED : Answer.GRANTED;
    }

    @Override
    public void withdraw(SlotTicket ticket) {
        ledger.lock.lock();
        try {
            ledger.waiting.remove(ticket);
            String member = ledger.memberOf.remove(ticket);
            if (member != null) {
                ledger.ticketOf.remove(member);
                queue.add(link -> link.cancel(ticket.providerId(), member));
            }
        } finally {
            ledger.lock.unlock();
        }
    }

    @Override
    public void release(Permit permit, long cooldownNanos) {
        ledger.lock.lock();
        try {
            ProviderBook book = ledger.books.get(permit.providerId());
            if (book == null || book.held == 0) {
                return;
            }
            book.held--;
            ledger.globalHeld--;
            String member = book.members.poll();
            if (member != null && ledger.shared()) {
                long cooldownMillis = TimeUnit.NANOSECONDS.toMillis(cooldownNanos);
                queue.add(link -> link.release(book.id, member, cooldownMillis));
            } else if (cooldownNanos > 0 && ledger.state == FleetState.LOCAL) {
                coolDown(book, cooldownNanos);
            }
        } finally {
            ledger.lock.unlock();
        }
    }

    /** While local, a released slot of the provider counts until its cooldown ends, as Redis would count it. */
    private void coolDown(ProviderBook book, long cooldownNanos) {
        book.coolingDown++;
        scheduler.timer().schedule(() -> {
            ledger.lock.lock();
            try {
                book.coolingDown--;
            } finally {
                ledger.lock.unlock();
            }
            localShare.dispatch();
        }, cooldownNanos);
    }

    /** Shared, Redis dispatches; local, the share decides here. */
    @Override
    public void dispatch() {
        localShare.dispatch();
    }

    /** Shared or rejoining, Redis takes a lowered limit back up, once for the fleet; local, this JVM does. */
    @Override
    public boolean raisesLimits() {
        return ledger.state != FleetState.LOCAL;
    }

    // ---------------------------------------------------------------- SchedulerListener, no lock held

    @Override
    public void paused(String provider, long millis, String reason) {
        ledger.lock.lock();
        try {
            ProviderBook book = ledger.books.get(provider);
            if (book != null) {
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
                if (!book.pausedAt(until)) {
                    book.pauseUntilNanos = until;
                }
                book.resumeUnsent = false;
            }
            if (!news.isApplying()) {
                send(book, link -> link.pause(provider, millis));
            }
        } finally {
            ledger.lock.unlock();
        }
    }

    /** Ended here: by an operator (sent to the fleet) or by its own timer. */
    @Override
    public void resumed(String provider) {
        ledger.lock.lock();
        try {
            ProviderBook book = ledger.books.get(provider);
            boolean early = book != null && book.pausedAt(System.nanoTime() + FleetNews.SAME_PAUSE_NANOS);
            if (book != null) {
                book.pauseUntilNanos = 0;
            }
            if (early && !news.isApplying()) {
                book.resumeUnsent = true;
                send(book, link -> link.resume(provider));
            }
        } finally {
            ledger.lock.unlock();
        }
        localShare.dispatch();
    }

    @Override
    public void limitChanged(String provider, int oldLimit, int newLimit, boolean adaptive) {
        ledger.lock.lock();
        try {
            ProviderBook book = ledger.books.get(provider);
            if (book != null) {
                book.effective = newLimit; // the fleet's when it came from Redis; this JVM's own while local
                if (!adaptive) {
                    book.limit = newLimit;
                }
            }
            if (!adaptive && !news.isApplying()) {
                if (book != null) {
                    book.limitUnsent = true;
                }
                queue.add(link -> link.setLimit(provider, newLimit));
            }
        } finally {
            ledger.lock.unlock();
        }
        localShare.dispatch();
    }

    /** Redis lowers the fleet's limit in force once per pause episode, and restarts its quiet period. */
    @Override
    public void rateLimited(String provider, int limitBefore, int limitAfter) {
        long recoveryMillis = scheduler.currentSettings().adaptiveRecovery().toMillis();
        int loweredTo = limitAfter < limitBefore ? limitAfter : 0;
        ledger.lock.lock();
        try {
            send(ledger.books.get(provider), link -> link.rateLimited(provider, loweredTo, recoveryMillis));
        } finally {
            ledger.lock.unlock();
        }
    }

    /** Queues a change of the provider's pause or limit in force; until Redis answers, heartbeats do not undo it here. */
    private void send(ProviderBook book, Consumer<FleetLink> change) {
        if (queue.add(change) && book != null) {
            book.changesUnsent++;
        }
    }

    // ---------------------------------------------------------------- reading

    public FleetStatus status() {
        ledger.lock.lock();
        try {
            Map<String, FleetStatus.Provider> providers = new HashMap<>();
            for (ProviderBook book : ledger.books.values()) {
                providers.put(book.id, new FleetStatus.Provider(book.limit, book.localShare(ledger.liveInstances),
                        book.fleetInFlight, book.fleetQueued));
            }
            return new FleetStatus(ledger.state, link.incarnation(), ledger.liveInstances, link.roundTripMicros(),
                    membership.failOvers(), membership.rejoins(), news.leasesReclaimed(), providers);
        } finally {
            ledger.lock.unlock();
        }
    }
}
