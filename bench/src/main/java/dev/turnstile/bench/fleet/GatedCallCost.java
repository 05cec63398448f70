package dev.turnstile.bench.fleet;

import dev.turnstile.bench.e2e.Progress;
import dev.turnstile.core.CallRequest;
import dev.turnstile.core.Outcome;
import dev.turnstile.core.Permit;
import dev.turnstile.core.SlotScheduler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Parts 1 and 2, in this JVM: what the Redis backend adds to a gated call, and the Redis commands
 * it costs. A gated call adds to the application exactly the scheduler's {@code acquire} and
 * {@code release} (the HTTP layer around them is the same for both backends), so both are timed
 * here as a pair, on a scheduler built as the agent builds it, with the in-memory backend and with
 * the Redis one, in alternating blocks. A pause follows each pair (a real call's HTTP exchange, or
 * the next request, comes between two of them), so a release's round trip, which runs on the
 * backend's own thread, is not charged to the next call.
 */
final class GatedCallCost {

    private static final int BLOCK = 500;

    private final RedisProcess redis;
    private final Progress progress;

    GatedCallCost(RedisProcess redis, Progress progress) {
        this.redis = redis;
        this.progress = progress;
    }

    /** Nanoseconds per acquire + release pair, sorted, for each backend. */
    static final class Latency {
        final long[] local;
        final long[] shared;
        final long[] ping;

        Latency(long[] local, long[] shared, long[] ping) {
            this.local = local;
            this.shared = shared;
            this.ping = ping;
        }
    }

    Latency latency(int calls, int warmup, long pauseNanos) throws InterruptedException {
        redis.flushAll();
        try (InProcessReplica local = InProcessReplica.local(1000);
                InProcessReplica shared = InProcessReplica.shared(redis.url(), 1000)) {
            progress.step("latency: warm-up, " + warmup + " pairs per backend");
            for (int i = 0; i < warmup; i += BLOCK) {
                pairs(local.scheduler, new long[BLOCK], 0, pauseNanos);
                pairs(shared.scheduler, new long[BLOCK], 0, pauseNanos);
            }
            long[] l = new long[calls];
            long[] s = new long[calls];
            long[] p = new long[calls];
            for (int done = 0; done < calls; done += BLOCK) {
                pairs(local.scheduler, l, done, pauseNanos);
                pairs(shared.scheduler, s, done, pauseNanos);
                pings(p, done, pauseNanos);
                if ((done / BLOCK) % 10 == 9) {
                    progress.step("latency: " + (done + BLOCK) + " of " + calls + " pairs per backend");
                }
            }
            Arrays.sort(l);
            Arrays.sort(s);
            Arrays.sort(p);
            return new Latency(l, s, p);
        }
    }

    /** A block of PING round trips from this thread: the floor of any round trip on this machine now. */
    private void pings(long[] into, int from, long pauseNanos) {
        for (int i = from; i < Math.min(into.length, from + BLOCK); i++) {
            into[i] = redis.pingNanos();
            LockSupport.parkNanos(pauseNanos);
        }
    }

    private static void pairs(SlotScheduler scheduler, long[] into, int from, long pauseNanos) throws InterruptedException {
        for (int i = from; i < Math.min(into.length, from + BLOCK); i++) {
            long start = System.nanoTime();
            Permit permit = acquire(scheduler);
            permit.release(Outcome.SUCCESS);
            into[i] = System.nanoTime() - start;
            LockSupport.parkNanos(pauseNanos);
        }
    }

    private static Permit acquire(SlotScheduler scheduler) throws InterruptedException {
        try {
            return scheduler.acquire(CallRequest.of(InProcessReplica.PROVIDER, "agent-" + Thread.currentThread().getId()));
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("acquire failed", e);
        }
    }

    /** Redis commands over a stretch of time, by command, and the stretch's length. */
    static final class Commands {
        final Map<String, Long> byCommand;
        final double seconds;
        final long calls;

        Commands(Map<String, Long> byCommand, double seconds, long calls) {
            this.byCommand = byCommand;
            this.seconds = seconds;
            this.calls = calls;
        }

        /** Round trips: the commands clients sent, not those the scripts ran inside them. */
        long roundTrips() {
            return count(true);
        }

        long insideScripts() {
            return count(false);
        }

        long count(String command) {
            return byCommand.getOrDefault(command, 0L);
        }

        private long count(boolean sentByClient) {
            return byCommand.entrySet().stream().filter(e -> RedisProcess.sentByClient(e.getKey()) == sentByClient)
                    .mapToLong(Map.Entry::getValue).sum();
        }
    }

    /** One replica, joined and doing nothing, for {@code seconds}: its heartbeat and the grant reader's waits. */
    Commands idle(int seconds) throws InterruptedException {
        redis.flushAll();
        try (InProcessReplica replica = InProcessReplica.shared(redis.url(), 8)) {
            progress.step("commands: one idle replica for " + seconds + " s");
            TimeUnit.SECONDS.sleep(1); // past the join
            return measure(() -> TimeUnit.SECONDS.sleep(seconds), 0);
        }
    }

    /** One replica, {@code calls} pairs one after the other, nobody else: every call is granted at once. */
    Commands uncontended(int calls, long pauseNanos) throws InterruptedException {
        redis.flushAll();
        try (InProcessReplica replica = InProcessReplica.shared(redis.url(), 8)) {
            progress.step("commands: " + calls + " uncontended calls");
            pairs(replica.scheduler, new long[BLOCK], 0, pauseNanos); // the first calls seed the provider in Redis
            TimeUnit.MILLISECONDS.sleep(200);
            return measure(() -> {
                for (int done = 0; done < calls; done += BLOCK) {
                    pairs(replica.scheduler, new long[Math.min(BLOCK, calls - done)], 0, pauseNanos);
                }
                TimeUnit.MILLISECONDS.sleep(200); // the last release's round trip
            }, calls);
        }
    }

    /**
     * Two replicas sharing a limit of 2, {@code threads} threads on each taking a slot, holding it
     * {@code holdMicros}, giving it back: nearly every call waits for one another replica frees.
     */
    Commands contended(int calls, int threads, long holdMicros) throws InterruptedException {
        redis.flushAll(); // the limit of 2 is seeded afresh
        try (InProcessReplica a = InProcessReplica.shared(redis.url(), 2);
                InProcessReplica b = InProcessReplica.shared(redis.url(), 2)) {
            progress.step("commands: " + calls + " contended calls (2 replicas x " + threads + " threads, limit 2)");
            int perThread = calls / (2 * threads);
            return measure(() -> {
                List<Thread> workers = new ArrayList<>();
                for (InProcessReplica replica : List.of(a, b)) {
                    for (int t = 0; t < threads; t++) {
                        Thread worker = new Thread(() -> {
                            try {
                                for (int i = 0; i < perThread; i++) {
                                    Permit permit = acquire(replica.scheduler);
                                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(holdMicros));
                                    permit.release(Outcome.SUCCESS);
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        });
                        worker.start();
                        workers.add(worker);
                    }
                }
                for (Thread worker : workers) {
                    worker.join();
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }, (long) perThread * 2 * threads);
        }
    }

    private interface Stretch {
        void run() throws InterruptedException;
    }

    private Commands measure(Stretch stretch, long calls) throws InterruptedException {
        Map<String, Long> before = redis.commandCalls();
        long start = System.nanoTime();
        stretch.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Commands(redis.commandsSince(before), seconds, calls);
    }
}
