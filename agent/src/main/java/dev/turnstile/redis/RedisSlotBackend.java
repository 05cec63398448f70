package dev.turnstile.redis;

import dev.turnstile.core.Permit;
import dev.turnstile.core.ProviderSettings;
import dev.turnstile.core.SchedulerListener;
import dev.turnstile.core.SlotBackend;
import dev.turnstile.core.SlotScheduler;
import dev.turnstile.core.SlotTicket;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Provider limits shared by every JVM of a namespace through Redis: a {@link SlotBackend} whose
 * decisions are made by the scripts of {@link FleetSlots}. The scheduler's calls only record what
 * is to be asked (never a round trip under its lock); the {@link FleetLink} thread asks, one
 * script at a time, with a socket timeout that bounds any call's wait on Redis; the
 * {@link GrantReader} thread hands this JVM the slots other JVMs' releases granted it.
 *
 * <p>When a round trip fails or times out, the JVM falls back at once to a local share of each
 * limit (limit ÷ live replicas, at least 1) and counts here, as the in-memory backend does. When
 * Redis answers again (two probes a second apart), or when a script says the lease or the dataset
 * was lost, it rejoins with a new incarnation: the former one is purged and the calls still in
 * flight here are counted again in Redis ({@code ADOPT}), so nothing is counted twice.
 *
 * <p>Pauses and operator limit changes heard from the scheduler go to Redis; those of other JVMs
 * come back with each heartbeat and are applied to the local scheduler, so JMX shows them. Lock
 * order: the scheduler's lock, then this backend's; the threads here call the scheduler with
 * neither held.
 */
public final class RedisSlotBackend implements SlotBackend, SchedulerListener, AutoCloseable {

    static final Comparator<SlotTicket> ORDER = Comparator.comparingLong(SlotTicket::turnStartMillis)
            .thenComparingLong(SlotTicket::sequence);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final TreeSet<SlotTicket> waiting = new TreeSet<>(ORDER);
    private final Map<SlotTicket, String> memberOf = new HashMap<>();
    private final Map<String, SlotTicket> ticketOf = new HashMap<>();
    /** Grant notices read before the ACQUIRE that queued their member had answered. */
    private final Set<String> earlyNotices = new HashSet<>();
    private final Map<String, ProviderBook> books = new HashMap<>();
    private final ArrayDeque<Consumer<FleetSlots>> commands = new ArrayDeque<>();
    private final List<FleetListener> listeners = new CopyOnWriteArrayList<>();
    private final FleetLink link;

    private volatile FleetState state = FleetState.REJOINING;
    private int liveInstances = 1;
    private int globalLimit;
    private int globalHeld;
    private long failOvers;
    private long rejoins;
    private boolean joinedBefore;
    private long leasesReclaimed;
    private volatile Thread applyingFleetChange;
    private Grants grants;
    private SlotScheduler scheduler;

    public RedisSlotBackend(RedisConnections connections, String namespace, FleetTimings timings) {
        this.link = new FleetLink(this, connections, namespace, timings);
    }

    /** Starts the threads that talk to Redis, for {@code scheduler}, which was built with this backend. */
    public void start(SlotScheduler scheduler) {
        this.scheduler = scheduler;
        scheduler.addListener(this);
        globalLimit = scheduler.currentSettings().globalLimit();
        link.start();
    }

    public void addListener(FleetListener listener) {
        listeners.add(listener);
    }

    /** Leaves the fleet (this JVM's slots go to other JVMs' waiters at once) and stops the threads. */
    @Override
    public void close() {
        link.stop();
    }

    public FleetState state() {
        return state;
    }

    // ---------------------------------------------------------------- SlotBackend, under the scheduler's lock

    @Override
    public void bind(Grants grants) {
        this.grants = grants;
    }

    @Override
    public Answer request(SlotTicket ticket) {
        ProviderSettings settings = scheduler.settingsOf(ticket.providerId()); // the scheduler's lock is ours
        int global = scheduler.currentSettings().globalLimit();
        lock.lock();
        try {
            book(settings);
            waiting.add(ticket);
            if (global != globalLimit) {
                globalLimit = global;
                enqueue(slots -> slots.setLimit(null, global));
            }
            if (state == FleetState.SHARED) {
                enqueue(slots -> link.acquire(slots, ticket));
                return Answer.QUEUED;
            }
        } finally {
            lock.unlock();
        }
        dispatchLocal();
        return isWaiting(ticket) ? Answer.QUEUED : Answer.GRANTED;
    }

    @Override
    public void withdraw(SlotTicket ticket) {
        lock.lock();
        try {
            waiting.remove(ticket);
            String member = memberOf.remove(ticket);
            if (member != null) {
                ticketOf.remove(member);
                enqueue(slots -> slots.cancel(ticket.providerId(), member));
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void release(Permit permit, long cooldownNanos) {
        lock.lock();
        try {
            ProviderBook book = books.get(permit.providerId());
            if (book == null || book.held == 0) {
                return;
            }
            book.held--;
            globalHeld--;
            String member = book.members.poll();
            if (member != null && state == FleetState.SHARED) {
                long cooldownMillis = TimeUnit.NANOSECONDS.toMillis(cooldownNanos);
                enqueue(slots -> link.release(slots, book.id, member, cooldownMillis));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Shared, Redis dispatches; local, the share decides here. */
    @Override
    public void dispatch() {
        dispatchLocal();
    }

    // ---------------------------------------------------------------- SchedulerListener, no lock held

    @Override
    public void paused(String provider, long millis, String reason) {
        lock.lock();
        try {
            ProviderBook book = books.get(provider);
            if (book != null) {
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
                if (!book.pausedAt(until)) {
                    book.pauseUntilNanos = until;
                }
            }
            if (Thread.currentThread() != applyingFleetChange) {
                enqueue(slots -> slots.pause(provider, millis));
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void resumed(String provider) {
        lock.lock();
        try {
            ProviderBook book = books.get(provider);
            if (book != null) {
                book.pauseUntilNanos = 0;
            }
        } finally {
            lock.unlock();
        }
        dispatchLocal();
    }

    @Override
    public void limitChanged(String provider, int oldLimit, int newLimit, boolean adaptive) {
        if (adaptive) {
            return; // the adaptive lowering stays with the JVM that saw the rate limits
        }
        lock.lock();
        try {
            ProviderBook book = books.get(provider);
            if (book != null) {
                book.limit = newLimit;
            }
            if (Thread.currentThread() != applyingFleetChange) {
                if (book != null) {
                    book.limitUnsent = true;
                }
                enqueue(slots -> link.setLimit(slots, provider, newLimit));
            }
        } finally {
            lock.unlock();
        }
        dispatchLocal();
    }

    // ---------------------------------------------------------------- for the link and the reader

    /** Queues a script for the link thread; dropped unless shared (a fall-back or rejoin replays what matters). */
    private void enqueue(Consumer<FleetSlots> command) {
        if (state == FleetState.SHARED) {
            commands.add(command);
            work.signal();
        }
    }

    /** The next script to run, waiting up to {@code nanos}; null if none came. Called by the link thread. */
    Consumer<FleetSlots> nextCommand(long nanos) throws InterruptedException {
        lock.lock();
        try {
            long left = nanos;
            while (commands.isEmpty() && left > 0 && link.running()) {
                left = work.awaitNanos(left);
            }
            return commands.poll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the link thread (to stop). */
    void wake() {
        lock.lock();
        try {
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The ticket's provider book, read while the ticket still waits; null once it does not. */
    ProviderBook bookIfWaiting(SlotTicket ticket) {
        lock.lock();
        try {
            return waiting.contains(ticket) ? books.get(ticket.providerId()) : null;
        } finally {
            lock.unlock();
        }
    }

    /** ACQUIRE answered a slot at once; false when the ticket no longer wants it. */
    void acquiredAtOnce(SlotTicket ticket, String member) {
        boolean take;
        lock.lock();
        try {
            take = waiting.remove(ticket);
            if (take) {
                hold(ticket.providerId(), member);
            }
        } finally {
            lock.unlock();
        }
        if (!take) {
            enqueueAlways(slots -> link.release(slots, ticket.providerId(), member, 0));
        } else {
            hand(ticket, member);
        }
    }

    /** ACQUIRE queued the ticket in Redis under {@code member}. */
    void queuedInRedis(SlotTicket ticket, String member) {
        boolean grantedAlready;
        lock.lock();
        try {
            if (!waiting.contains(ticket)) {
                enqueue(slots -> slots.cancel(ticket.providerId(), member));
                return;
            }
            grantedAlready = earlyNotices.remove(member);
            if (grantedAlready) {
                waiting.remove(ticket);
                hold(ticket.providerId(), member);
            } else {
                memberOf.put(ticket, member);
                ticketOf.put(member, ticket);
            }
        } finally {
            lock.unlock();
        }
        if (grantedAlready) {
            hand(ticket, member);
        }
    }

    /** A grant notice read from this JVM's list. Called by the reader thread. */
    void noticed(String member) {
        SlotTicket ticket;
        lock.lock();
        try {
            ticket = ticketOf.remove(member);
            if (ticket == null) {
                earlyNotices.add(member);
                return;
            }
            memberOf.remove(ticket);
            waiting.remove(ticket);
            hold(ticket.providerId(), member);
        } finally {
            lock.unlock();
        }
        hand(ticket, member);
    }

    private void hold(String provider, String member) {
        ProviderBook book = books.get(provider);
        book.held++;
        globalHeld++;
        book.members.add(member);
    }

    /** Gives the scheduler a ticket's slots; if it no longer wants them, they go back to Redis. */
    private void hand(SlotTicket ticket, String member) {
        if (grants.granted(ticket)) {
            return;
        }
        lock.lock();
        try {
            ProviderBook book = books.get(ticket.providerId());
            book.held--;
            globalHeld--;
            book.members.remove(member);
        } finally {
            lock.unlock();
        }
        enqueueAlways(slots -> link.release(slots, ticket.providerId(), member, 0));
    }

    private void enqueueAlways(Consumer<FleetSlots> command) {
        lock.lock();
        try {
            enqueue(command);
        } finally {
            lock.unlock();
        }
    }

    /** The link saw a limit confirmed by Redis. */
    void limitSent(String provider, int limit) {
        lock.lock();
        try {
            ProviderBook book = books.get(provider);
            if (book != null && book.limit == limit) {
                book.limitUnsent = false;
            }
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- heartbeats and changes of state

    /** A heartbeat's news: live replicas, reclaimed entries, and each provider's fleet numbers and changes. */
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
        lock.lock();
        try {
            known.forEach(this::book);
            if (global != globalLimit) {
                globalLimit = global; // changed here over JMX: the fleet's global limit from now on
                enqueue(slots -> slots.setLimit(null, global));
            }
            liveInstances = Math.max(1, tick.liveInstances());
            leasesReclaimed += tick.reclaimed();
            long nanos = System.nanoTime();
            for (ProviderView view : tick.providers()) {
                ProviderBook book = books.get(view.id());
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
            lock.unlock();
        }
        applyFromFleet(apply);
    }

    /** Changes made elsewhere in the fleet, applied to this JVM's scheduler without sending them back. */
    private void applyFromFleet(List<Runnable> changes) {
        applyingFleetChange = Thread.currentThread();
        try {
            for (Runnable change : changes) {
                try {
                    change.run();
                } catch (IllegalArgumentException providerGone) {
                    // removed here meanwhile: nothing to show
                }
            }
        } finally {
            applyingFleetChange = null;
        }
    }

    /** Redis failed or was too slow: from now on this JVM counts its local share. */
    void fellBack(String reason) {
        FleetState from;
        lock.lock();
        try {
            from = state;
            if (from == FleetState.LOCAL) {
                return;
            }
            state = FleetState.LOCAL;
            if (from == FleetState.SHARED) {
                failOvers++;
            }
            commands.clear();
            memberOf.clear();
            ticketOf.clear();
            earlyNotices.clear();
            for (ProviderBook book : books.values()) {
                book.members.clear(); // they belong to an incarnation the rejoin purges
            }
        } finally {
            lock.unlock();
        }
        tell(from, FleetState.LOCAL, reason);
        dispatchLocal();
    }

    /** A rejoin begins: new calls wait for it (a round trip or two) rather than being counted twice. */
    void rejoining(String reason) {
        FleetState from;
        lock.lock();
        try {
            from = state;
            state = FleetState.REJOINING;
            commands.clear();
            memberOf.clear();
            ticketOf.clear();
            earlyNotices.clear();
            for (ProviderBook book : books.values()) {
                book.members.clear();
            }
        } finally {
            lock.unlock();
        }
        if (from != FleetState.REJOINING) {
            tell(from, FleetState.REJOINING, reason);
        }
    }

    /** What a rejoin must tell Redis: the calls in flight here, limits not confirmed, pauses still running. */
    List<ProviderBook> booksForRejoin() {
        lock.lock();
        try {
            List<ProviderBook> copies = new ArrayList<>();
            long nanos = System.nanoTime();
            for (ProviderBook book : books.values()) {
                ProviderBook copy = new ProviderBook(book.id, book.limit, book.maxHoldMillis);
                copy.held = book.held;
                copy.limitUnsent = book.limitUnsent;
                copy.pauseUntilNanos = book.pausedAt(nanos) ? book.pauseUntilNanos : 0;
                copies.add(copy);
            }
            return copies;
        } finally {
            lock.unlock();
        }
    }

    int globalLimitForRejoin() {
        lock.lock();
        try {
            return globalLimit;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The rejoin went through: the adopted members are this JVM's again (those of calls that ended
     * meanwhile go back), and every waiting ticket asks Redis, oldest first.
     */
    void rejoined(Map<String, List<String>> adopted, String reason) {
        FleetState from;
        lock.lock();
        try {
            from = state;
            state = FleetState.SHARED;
            if (joinedBefore) {
                rejoins++;
            }
            joinedBefore = true;
            for (Map.Entry<String, List<String>> entry : adopted.entrySet()) {
                ProviderBook book = books.get(entry.getKey());
                book.members.addAll(entry.getValue());
                while (book.members.size() > book.held) {
                    String member = book.members.poll();
                    enqueue(slots -> link.release(slots, book.id, member, 0));
                }
            }
            for (SlotTicket ticket : waiting) {
                enqueue(slots -> link.acquire(slots, ticket));
            }
        } finally {
            lock.unlock();
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

    // ---------------------------------------------------------------- local share

    /**
     * In local mode, grants every waiting ticket that fits its provider's share (and the global
     * share), oldest turn first. The counting happens under this backend's lock; the grants after it.
     */
    private void dispatchLocal() {
        List<SlotTicket> chosen = new ArrayList<>();
        lock.lock();
        try {
            if (state != FleetState.LOCAL || waiting.isEmpty()) {
                return;
            }
            long nanos = System.nanoTime();
            int globalShare = ProviderBook.share(globalLimit, liveInstances);
            for (Iterator<SlotTicket> it = waiting.iterator(); it.hasNext(); ) {
                if (globalShare > 0 && globalHeld >= globalShare) {
                    break;
                }
                SlotTicket ticket = it.next();
                ProviderBook book = books.get(ticket.providerId());
                if (book.hasLocalRoom(nanos, liveInstances)) {
                    it.remove();
                    book.held++;
                    globalHeld++;
                    chosen.add(ticket);
                }
            }
        } finally {
            lock.unlock();
        }
        for (SlotTicket ticket : chosen) {
            if (!grants.granted(ticket)) {
                lock.lock();
                try {
                    books.get(ticket.providerId()).held--;
                    globalHeld--;
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    private void book(ProviderSettings settings) {
        ProviderBook book = books.get(settings.id());
        if (book == null) {
            books.put(settings.id(), new ProviderBook(settings.id(), settings.limit(), settings.maxHold().toMillis()));
        }
    }

    private boolean isWaiting(SlotTicket ticket) {
        lock.lock();
        try {
            return waiting.contains(ticket);
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- reading

    public FleetStatus status() {
        lock.lock();
        try {
            Map<String, FleetStatus.Provider> providers = new HashMap<>();
            for (ProviderBook book : books.values()) {
                providers.put(book.id, new FleetStatus.Provider(book.limit, book.localShare(liveInstances),
                        book.fleetInFlight, book.fleetQueued));
            }
            return new FleetStatus(state, link.incarnation(), liveInstances, link.roundTripMicros(), failOvers, rejoins,
                    leasesReclaimed, providers);
        } finally {
            lock.unlock();
        }
    }
}
