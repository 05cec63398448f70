package dev.turnstile.redis;

import dev.turnstile.core.SlotTicket;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import redis.clients.jedis.Jedis;

/**
 * The thread that talks to Redis for a {@link RedisSlotBackend}: it owns the script connection and
 * the current incarnation's {@link FleetSlots}, runs the scripts the backend queued one at a time,
 * beats the heartbeat, and moves the backend between its states: a failed or late round trip
 * (the connection's socket timeout is the bound) means local share at once; a lost lease or
 * dataset means a rejoin; while local, a probe a heartbeat apart decides when to rejoin.
 */
final class FleetLink implements Runnable {

    private static final int OFFSET_SAMPLES = 30;

    /** The parts of the backend the link drives. */
    static final class Parts {
        final ScriptQueue queue;
        final FleetMembership membership;
        final GrantHandover handover;
        final FleetNews news;

        Parts(ScriptQueue queue, FleetMembership membership, GrantHandover handover, FleetNews news) {
            this.queue = queue;
            this.membership = membership;
            this.handover = handover;
            this.news = news;
        }
    }

    private final ScriptQueue queue;
    private final FleetMembership membership;
    private final GrantHandover handover;
    private final FleetNews news;
    private final RedisConnections connections;
    private final String namespace;
    private final FleetTimings timings;
    private final GrantReader reader;
    private final String jvmId = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE).substring(0, 8);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running;
    private volatile String incarnation = "";
    private volatile long roundTripMicros = -1;
    private int incarnations;
    private String former = "";
    private Jedis jedis;
    private FleetSlots slots;
    /** Redis clock minus JVM clock, from the heartbeat with the shortest round trip among recent ones. */
    private long offsetMillis;
    private long bestRoundTripNanos = Long.MAX_VALUE;
    private int samples;

    FleetLink(Parts parts, RedisConnections connections, String namespace, FleetTimings timings) {
        this.queue = parts.queue;
        this.membership = parts.membership;
        this.handover = parts.handover;
        this.news = parts.news;
        this.connections = connections;
        this.namespace = namespace;
        this.timings = timings;
        this.reader = new GrantReader(handover::noticed, connections, namespace, timings);
    }

    void start() {
        running = true;
        Thread thread = new Thread(this, "turnstile-fleet");
        thread.setDaemon(true);
        thread.start();
        reader.start();
    }

    /** Stops the threads; a shared JVM leaves first, so that its slots come back at once. */
    void stop() {
        running = false;
        queue.wake();
        reader.stop();
        try {
            stopped.await(2 * timings.boundMillis() + 1000L, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean running() {
        return running;
    }

    String incarnation() {
        return incarnation;
    }

    long roundTripMicros() {
        return roundTripMicros;
    }

    @Override
    public void run() {
        try {
            rejoin("starting");
            int goodProbes = 0;
            long nextBeat = System.nanoTime() + timings.heartbeatNanos();
            while (running) {
                if (membership.state() == FleetState.LOCAL) {
                    queue.next(timings.heartbeatNanos(), this::running); // nothing is queued while local: a pause
                    goodProbes = running && probe() ? goodProbes + 1 : 0;
                    if (goodProbes >= timings.probesToRejoin()) {
                        goodProbes = 0;
                        rejoin("Redis answers again");
                        nextBeat = System.nanoTime() + timings.heartbeatNanos();
                    }
                    continue;
                }
                long wait = nextBeat - System.nanoTime();
                Consumer<FleetLink> command = wait > 0 ? queue.next(wait, this::running) : null;
                if (command != null) {
                    guarded(() -> command.accept(this));
                }
                if (System.nanoTime() - nextBeat >= 0) {
                    nextBeat = System.nanoTime() + timings.heartbeatNanos();
                    guarded(this::beat);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error unexpected) {
            membership.fellBack("the Redis link stopped: " + unexpected);
        } finally {
            leave();
            closeConnection();
            stopped.countDown();
        }
    }

    /** Runs a step; a lost lease or dataset means a rejoin, any other failure the local share. */
    private void guarded(Runnable step) {
        try {
            step.run();
        } catch (Lost lost) {
            rejoin(lost.getMessage());
        } catch (RuntimeException failure) {
            fallBack(failure);
        }
    }

    // ---------------------------------------------------------------- the scripts the backend queues

    void acquire(SlotTicket ticket) {
        ProviderBook book = handover.bookIfWaiting(ticket);
        if (book == null) {
            return; // withdrawn before it was asked
        }
        long turn = ticket.turnStartMillis() + offsetMillis;
        Acquisition acquisition = timed(() -> slots.acquire(ticket.providerId(), turn, book.limit, book.maxHoldMillis));
        check(acquisition.status());
        if (acquisition.granted()) {
            handover.acquiredAtOnce(ticket, acquisition.member());
        } else {
            handover.queuedInRedis(ticket, acquisition.member());
        }
    }

    void release(String provider, String member, long cooldownMillis) {
        check(timed(() -> slots.release(provider, member, cooldownMillis)).status());
    }

    void cancel(String provider, String member) {
        timed(() -> slots.cancel(provider, member));
    }

    void pause(String provider, long millis) {
        answered(timed(() -> slots.pause(provider, millis)));
        news.changeSent(provider, false);
    }

    void resume(String provider) {
        answered(timed(() -> slots.resume(provider)));
        news.changeSent(provider, true);
    }

    void rateLimited(String provider, int loweredTo, long recoveryMillis) {
        answered(timed(() -> slots.rateLimited(provider, loweredTo, recoveryMillis)));
        news.changeSent(provider, false);
    }

    void setLimit(String provider, int limit) {
        answered(timed(() -> slots.setLimit(provider, limit)));
        news.limitSent(provider, limit);
    }

    void setGlobalLimit(int limit) {
        answered(timed(() -> slots.setLimit(null, limit)));
        news.globalLimitSent(limit);
    }

    /** A script that answers a number answers -1 when the epoch is lost. */
    private static void answered(long number) {
        if (number < 0) {
            throw new Lost(FleetSlots.Status.EPOCH_LOST);
        }
    }

    // ---------------------------------------------------------------- heartbeat, fall-back, rejoin

    private void beat() {
        long sentWall = System.currentTimeMillis();
        long sent = System.nanoTime();
        Tick tick = timed(slots::tick);
        long roundTrip = System.nanoTime() - sent;
        check(tick.status());
        if (roundTrip <= bestRoundTripNanos || ++samples >= OFFSET_SAMPLES) {
            bestRoundTripNanos = roundTrip;
            samples = 0;
            offsetMillis = tick.redisNowMillis() - (sentWall + TimeUnit.NANOSECONDS.toMillis(roundTrip) / 2);
        }
        news.heard(tick);
    }

    private boolean probe() {
        try (Jedis probe = connections.open(timings.boundMillis())) {
            return "PONG".equals(probe.ping());
        } catch (RuntimeException unreachable) {
            return false;
        }
    }

    private void fallBack(RuntimeException failure) {
        closeConnection();
        reader.follow(null);
        membership.fellBack("Redis did not answer within " + timings.boundMillis() + " ms: "
                + failure.getClass().getSimpleName());
    }

    /**
     * Joins with a new incarnation, purging the former one, then tells Redis what this JVM still
     * runs and what it changed meanwhile; any failure on the way means the local share.
     */
    private void rejoin(String reason) {
        membership.rejoining(reason);
        closeConnection();
        reader.follow(null);
        try {
            jedis = connections.open(timings.boundMillis());
            String next = jvmId + "." + (++incarnations);
            String old = former;
            former = next; // the join may run even if its answer never comes: the next join purges it
            slots = new FleetSlots(jedis, namespace, next, timings.leaseMillis());
            timed(() -> slots.join(Long.toHexString(ThreadLocalRandom.current().nextLong()), old));
            incarnation = next;
            bestRoundTripNanos = Long.MAX_VALUE;
            Map<String, List<String>> adopted = new HashMap<>();
            for (ProviderBook book : membership.booksForRejoin()) {
                adopted.put(book.id, book.held == 0 ? List.of() : adopt(book));
                if (book.limitUnsent) {
                    setLimit(book.id, book.limit);
                }
                long pauseLeft = TimeUnit.NANOSECONDS.toMillis(book.pauseUntilNanos - System.nanoTime());
                if (book.pauseUntilNanos != 0 && pauseLeft > 0) {
                    timed(() -> slots.pause(book.id, pauseLeft));
                } else if (book.resumeUnsent) {
                    resume(book.id);
                }
            }
            rejoinGlobalLimit();
            beat();
            reader.follow(next);
            membership.rejoined(adopted, reason);
        } catch (RuntimeException failure) {
            fallBack(failure);
        }
    }

    /**
     * A global limit written here while away is the fleet's from now on (the last writer wins);
     * otherwise this JVM's configured one seeds a fleet that has none, and the heartbeat brings
     * the fleet's to the others.
     */
    private void rejoinGlobalLimit() {
        FleetMembership.GlobalLimit global = membership.globalLimitForRejoin();
        if (global.unsent()) {
            setGlobalLimit(global.limit());
        } else if (global.limit() > 0) {
            timed(() -> slots.seedLimit(null, global.limit()));
        }
    }

    private List<String> adopt(ProviderBook book) {
        List<String> members = timed(() -> slots.adopt(book.id, book.held, book.limit, book.maxHoldMillis));
        if (members.size() != book.held) {
            throw new Lost(FleetSlots.Status.EPOCH_LOST);
        }
        return members;
    }

    private void leave() {
        if (membership.state() == FleetState.SHARED && slots != null) {
            try {
                slots.leave();
            } catch (RuntimeException unreachable) {
                // the lease runs out instead
            }
        }
    }

    private void closeConnection() {
        if (jedis != null) {
            try {
                jedis.close();
            } catch (RuntimeException ignored) {
                // already broken
            }
            jedis = null;
        }
    }

    private <T> T timed(Supplier<T> roundTrip) {
        long start = System.nanoTime();
        T answer = roundTrip.get();
        roundTripMicros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
        return answer;
    }

    private static void check(FleetSlots.Status status) {
        if (status != FleetSlots.Status.OK) {
            throw new Lost(status);
        }
    }

    /** A script found the lease or the dataset gone: only a rejoin helps. */
    private static final class Lost extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Lost(FleetSlots.Status status) {
            super(status == FleetSlots.Status.LEASE_LOST ? "this JVM's lease ran out" : "Redis lost the shared data",
                    null, false, false);
        }
    }
}
