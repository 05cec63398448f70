package dev.turnstile.core;

import dev.turnstile.core.time.ExecutorTimerService;
import dev.turnstile.core.time.TimeSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A randomized concurrent stress test of {@link SlotScheduler} on real threads, the real clock and
 * the real timer.
 *
 * <p>{@value #WORKERS} worker threads make at least {@value #TARGET_GRANTS} granted calls over four
 * providers, mixing blocking and asynchronous acquires, agent keys and explicit turn starts, queue
 * timeouts (a provider's own and a caller's max wait), futures cancelled or failed while queued,
 * double releases and rate-limit signals. A chaos thread pauses and resumes providers and
 * interrupts workers blocked in {@code acquire}. The test thread alternates two kinds of phases:
 * <em>changing</em> phases, where it changes provider and global limits at random and workers may
 * signal rate limits (which lower limits adaptively), and <em>stable</em> phases, where limits stay
 * put and the limits are checked strictly. Meanwhile an order prober repeatedly queues waiters
 * with known turn starts behind a held slot and checks the order they are served in.
 *
 * <p>The seed is fixed and can be overridden with {@code -Dturnstile.stress.seed=…}; each thread
 * draws from its own {@link Random} derived from it. Thread scheduling is not reproducible, so a
 * seed does not replay a run exactly, but it fixes every random choice the threads make. Every
 * failure message names the seed.
 *
 * <p>Invariant violations found on other threads are collected and asserted at the end (an
 * assertion thrown on a worker would be lost), together with the final books.
 */
class SlotSchedulerStressTest {

    private static final long DEFAULT_SEED = 0x7E57_5EEDL;
    private static final long SEED = Long.getLong("turnstile.stress.seed", DEFAULT_SEED);

    private static final int WORKERS = 64;
    private static final long TARGET_GRANTS = 100_000;
    /** Workers stop here even if short of the target; the test then fails on the grant count. */
    private static final Duration WORK_BUDGET = Duration.ofSeconds(25);
    /** Enough evidence: with this many violations the run stops early instead of using its whole budget. */
    private static final int ENOUGH_VIOLATIONS = 50;
    /** No single bounded wait of this test (drain, join, future) takes longer unless something hangs. */
    private static final Duration HANG = Duration.ofSeconds(5);

    private static final String[] STRESSED = {"p0", "p1", "p2", "p3"};
    /** The stressed provider with a queue timeout of its own. */
    private static final int TIMEOUT_PROVIDER = 2;
    /** Used only by the order prober; its limit is 1 for the whole test. */
    private static final String ORDERED = "ordered";
    private static final int ORDERED_INDEX = STRESSED.length;
    private static final int PROVIDER_COUNT = STRESSED.length + 1;

    private static final int[] LIMIT_CHOICES = {0, 1, 2, 3, 4, 6, 8};
    private static final int[] GLOBAL_LIMIT_CHOICES = {0, 0, 3, 5, 8, 12};
    private static final long[] QUEUE_TIMEOUT_MILLIS_CHOICES = {0, 2, 3, 5};
    private static final Duration CHANGING_PHASE = Duration.ofMillis(60);
    private static final Duration STABLE_PHASE = Duration.ofMillis(60);
    private static final int ORDER_ROUNDS = 12;
    /** However fast the machine, the run lasts at least this many stable phases (and all order rounds). */
    private static final int MIN_STABLE_PHASES = 5;
    private static final int ORDER_WAITERS = 8;

    private final TimeSource clock = TimeSource.system();
    private final ExecutorTimerService timer = new ExecutorTimerService("stress-timer");
    private final SlotScheduler scheduler = new SlotScheduler(SchedulerSettings.builder()
            .turnIdle(Duration.ofMillis(2))
            .backoff(Duration.ofMillis(1), Duration.ofMillis(4)) // rate limits without a hint pause briefly
            .adaptive(true)
            .adaptiveRecovery(Duration.ofMillis(5))
            .build(),
            clock, timer, new Random(SEED), SlotCounter.Factory.local());

    // ------------------------------------------------------------------ our own books

    /** Per provider (index as in {@link #name}): calls we hold now, counted after the grant and before the release. */
    private final AtomicInteger[] holding = counters();
    private final AtomicInteger holdingOverall = new AtomicInteger();
    private final LongAdder[] grants = adders();
    private final LongAdder[] successes = adders();
    private final LongAdder[] failures = adders();
    private final LongAdder[] timeouts = adders();
    private final AtomicLong grantsTotal = new AtomicLong();
    private final LongAdder interruptedInQueue = new LongAdder();
    private final LongAdder interruptsSent = new LongAdder();
    private final LongAdder givenUpWhileQueued = new LongAdder();
    private final LongAdder givenUp = new LongAdder();
    private final LongAdder givenUpBetweenDecisionAndDelivery = new LongAdder();
    private final LongAdder rateLimitSignals = new LongAdder();
    private final LongAdder stablePhases = new LongAdder();
    private final AtomicInteger orderRoundsDone = new AtomicInteger();
    private final LongAdder strictChecks = new LongAdder();
    private final Queue<PermitFuture> futures = new ConcurrentLinkedQueue<>();
    private final Queue<String> violations = new ConcurrentLinkedQueue<>();
    private final AtomicInteger violationCount = new AtomicInteger();

    // ------------------------------------------------------------------ phase coordination

    /** The limits in force during a stable phase whose excess has drained; null otherwise. */
    private volatile Limits stable;
    /** Workers signal rate limits only while this is set (changing phases), see {@link #signalRateLimit}. */
    private volatile boolean rateLimitsAllowed = true;
    private final AtomicInteger rateLimitSignalsRunning = new AtomicInteger();
    private volatile boolean stopChaos;

    private record Limits(int[] perProvider, int global) {
        int of(int provider) {
            return perProvider[provider];
        }
    }

    @AfterEach
    void closeTimer() {
        timer.close();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a backstop only: every wait below is bounded well under it
    void invariantsHoldUnderRandomizedConcurrentLoad() throws Exception {
        System.out.printf("SlotSchedulerStressTest seed %d (override with -Dturnstile.stress.seed=...)%n", SEED);
        long startNanos = System.nanoTime();
        for (int p = 0; p < STRESSED.length; p++) {
            ProviderSettings settings = ProviderSettings.of(STRESSED[p], 4);
            scheduler.addProvider(p == TIMEOUT_PROVIDER ? settings.withQueueTimeout(Duration.ofMillis(3)) : settings);
        }
        scheduler.addProvider(ProviderSettings.of(ORDERED, 1));

        long workDeadline = System.nanoTime() + WORK_BUDGET.toNanos();
        CountDownLatch workersDone = new CountDownLatch(WORKERS);
        Worker[] workers = new Worker[WORKERS];
        for (int i = 0; i < WORKERS; i++) {
            workers[i] = new Worker(i, workDeadline, workersDone);
        }
        Thread chaos = thread("stress-chaos", () -> chaos(workers, randomFor(-1)));
        Thread prober = thread("stress-order-prober", () -> probeOrder(randomFor(-2)));
        List<Thread> all = new ArrayList<>();
        try {
            for (Worker worker : workers) {
                all.add(worker.thread);
                worker.thread.start();
            }
            chaos.start();
            prober.start();
            all.add(chaos);
            all.add(prober);

            Random random = randomFor(-3);
            while (workersDone.getCount() > 0 && System.nanoTime() - workDeadline < 0
                    && violationCount.get() < ENOUGH_VIOLATIONS) {
                changingPhase(random);
                stablePhase(random);
            }
            awaitQuietly(workersDone, HANG);
        } finally {
            stopChaos = true;
            stable = null;
            joinAll(all);
        }
        long workMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);

        // (4) At the end nothing is queued or in flight. Every thread of ours has ended, so every
        // call it made was released or ended in the queue. A permit granted to a future that was
        // cancelled at the same moment is handed back by whoever delivered the grant, possibly the
        // timer thread, so allow that hand-back a bounded moment to finish.
        waitUntil(() -> {
            SchedulerSnapshot now = scheduler.snapshot();
            return now.globalInFlight() == 0 && now.globalQueued() == 0;
        }, HANG, "the last calls to leave");
        SchedulerSnapshot end = scheduler.snapshot();

        System.out.printf("SlotSchedulerStressTest seed %d: %d grants in %d ms, %d stable phases (%d strict checks), "
                        + "%d interrupted in queue (%d interrupts sent), %d futures given up (%d while queued, "
                        + "%d decided but not yet delivered), %d timeouts, %d rate-limit signals, %d order rounds, "
                        + "%d violations%n  %s%n",
                SEED, grantsTotal.get(), workMillis, stablePhases.sum(), strictChecks.sum(),
                interruptedInQueue.sum(), interruptsSent.sum(), givenUp.sum(), givenUpWhileQueued.sum(),
                givenUpBetweenDecisionAndDelivery.sum(),
                sum(timeouts), rateLimitSignals.sum(), orderRoundsDone.get(), violationCount.get(), end);

        assertThat(violations).as("seed %d: invariant violations (%d in all, first %d shown)",
                SEED, violationCount.get(), violations.size()).isEmpty();
        for (Thread thread : all) {
            assertThat(thread.isAlive()).as("seed %d: %s is still alive", SEED, thread.getName()).isFalse();
        }
        assertThat(futures).as("seed %d: every future is completed, granted or given up or timed out", SEED)
                .allMatch(PermitFuture::isDone);

        assertThat(end.globalQueued()).as("seed %d: queued at the end; %s", SEED, end).isZero();
        assertThat(end.globalInFlight()).as("seed %d: in flight at the end; %s", SEED, end).isZero();
        assertThat(end.agents()).as("seed %d: agents still busy at the end", SEED).isEmpty();
        assertThat(holdingOverall.get()).as("seed %d: calls we still count as held", SEED).isZero();
        for (int p = 0; p < PROVIDER_COUNT; p++) {
            ProviderSnapshot provider = end.provider(name(p));
            assertThat(provider.queued()).as("seed %d: %s queued at the end", SEED, provider).isZero();
            assertThat(provider.inFlight()).as("seed %d: %s in flight at the end", SEED, provider).isZero();
            assertThat(provider.slotsTaken()).as("seed %d: %s slots taken at the end", SEED, provider).isZero();
            assertThat(holding[p].get()).as("seed %d: %s calls we still hold", SEED, name(p)).isZero();
            // (2) Every grant is released exactly once. The scheduler's books must match ours, call
            // for call: every permit that reached us started once, and our first release of it ended
            // it once with our outcome; the second release we sometimes make must count nowhere.
            // (A slot withdrawn because a cancel or interrupt raced with its grant never reached us,
            // and the scheduler takes it back out of `started`.) No max hold is short enough to fire.
            assertThat(provider.started()).as("seed %d: %s started vs grants we got", SEED, provider)
                    .isEqualTo(grants[p].sum());
            assertThat(provider.completed()).as("seed %d: %s completed vs our successes", SEED, provider)
                    .isEqualTo(successes[p].sum());
            assertThat(provider.failed()).as("seed %d: %s failed vs our failures", SEED, provider)
                    .isEqualTo(failures[p].sum());
            assertThat(provider.reclaimed()).as("seed %d: %s reclaimed", SEED, provider).isZero();
            assertThat(provider.started())
                    .as("seed %d: %s started = completed + failed + reclaimed + in flight", SEED, provider)
                    .isEqualTo(provider.completed() + provider.failed() + provider.reclaimed() + provider.inFlight());
            // A timeout the caller saw was counted by the scheduler. (The scheduler may count a few
            // more: a waiter that expired while its caller was interrupted or cancelled it reports
            // the interrupt or cancel to the caller.)
            assertThat(provider.timedOut()).as("seed %d: %s timed out vs timeouts we saw", SEED, provider)
                    .isGreaterThanOrEqualTo(timeouts[p].sum());
        }

        // The run did what it claims: enough calls, and every kind of disturbance really happened.
        assertThat(grantsTotal.get()).as("seed %d: granted calls in %d ms", SEED, workMillis)
                .isGreaterThanOrEqualTo(TARGET_GRANTS);
        assertThat(stablePhases.sum()).as("seed %d: stable phases", SEED).isGreaterThanOrEqualTo(MIN_STABLE_PHASES);
        assertThat(orderRoundsDone.get()).as("seed %d: order rounds", SEED).isEqualTo(ORDER_ROUNDS);
        assertThat(strictChecks.sum()).as("seed %d: strict limit checks", SEED).isPositive();
        assertThat(interruptedInQueue.sum()).as("seed %d: calls interrupted while queued", SEED).isPositive();
        assertThat(givenUpWhileQueued.sum()).as("seed %d: futures given up while queued", SEED).isPositive();
        assertThat(timeouts[TIMEOUT_PROVIDER].sum()).as("seed %d: queue timeouts", SEED).isPositive();
        assertThat(rateLimitSignals.sum()).as("seed %d: rate-limit signals", SEED).isPositive();
        assertThat(end.providers().stream().mapToLong(ProviderSnapshot::cancelled).sum())
                .as("seed %d: calls the scheduler saw leave its queue by cancel or interrupt", SEED).isPositive();
    }

    // ------------------------------------------------------------------ workers

    /** One of the {@value #WORKERS} callers: acquire, hold a moment, release, until the target is met. */
    private final class Worker implements Runnable {

        final int index;
        final long deadline;
        final CountDownLatch done;
        final Random random;
        final Thread thread;
        /** Set while blocked in {@code acquire}, so that the chaos thread interrupts waiters, not holders. */
        volatile boolean inAcquire;

        Worker(int index, long deadline, CountDownLatch done) {
            this.index = index;
            this.deadline = deadline;
            this.done = done;
            this.random = randomFor(index);
            this.thread = thread("stress-worker-" + index, this);
        }

        @Override
        public void run() {
            try {
                while (moreWorkNeeded() && System.nanoTime() - deadline < 0
                        && violationCount.get() < ENOUGH_VIOLATIONS) {
                    oneCall();
                    Thread.interrupted(); // an interrupt meant for the acquire may land just after it
                }
            } catch (Throwable t) {
                violation("%s died: %s", thread.getName(), stackTrace(t));
            } finally {
                done.countDown();
            }
        }

        private void oneCall() {
            int p = random.nextInt(STRESSED.length);
            CallRequest request = randomRequest(p);
            Permit permit = random.nextInt(100) < 60 ? acquireBlocking(p, request) : acquireAsync(p, request);
            if (permit != null) {
                hold(p, permit);
            }
        }

        private CallRequest randomRequest(int p) {
            String agent = switch (random.nextInt(4)) {
                case 0 -> null;                          // anonymous: FIFO among anonymous calls
                case 1 -> "thread-" + index;             // one agent per thread
                default -> "agent-" + random.nextInt(16); // agents shared by several threads
            };
            // Explicit turn starts lie within the last 50 ms: they reorder the queue without starving anybody.
            CallRequest request = random.nextInt(3) == 0
                    ? CallRequest.withTurnStart(STRESSED[p], agent, clock.epochMillis() - random.nextInt(50))
                    : CallRequest.of(STRESSED[p], agent);
            return random.nextInt(20) == 0 ? request.withMaxWait(Duration.ofMillis(1 + random.nextInt(3))) : request;
        }

        private Permit acquireBlocking(int p, CallRequest request) {
            inAcquire = true;
            try {
                return scheduler.acquire(request);
            } catch (InterruptedException e) {
                // Interrupted while queued (or just before queuing): the call is withdrawn, and a grant
                // that raced with the interrupt is handed back (both checked by the books at the end).
                interruptedInQueue.increment();
                return null;
            } catch (QueueTimeoutException e) {
                timedOut(p, request, e);
                return null;
            } finally {
                inAcquire = false;
            }
        }

        private Permit acquireAsync(int p, CallRequest request) {
            PermitFuture future = scheduler.acquireAsync(request);
            futures.add(future);
            int choice = random.nextInt(100);
            if (choice < 20) {
                // The caller gives up on a call that may still be queued: by cancel, or by failing the
                // future (what orTimeout does). Whether it was still queued is up to the race.
                if (choice < 5) {
                    // Give up at the very moment the scheduler decides: the waiter's state turns from
                    // queued to granted under the scheduler's lock, but the future completes only after
                    // that lock is released. Cancelling in between must hand the granted slot back.
                    long until = System.nanoTime() + 2_000_000;
                    while (future.isQueued() && System.nanoTime() - until < 0) {
                        Thread.yield();
                    }
                } else if (random.nextBoolean()) {
                    Thread.yield();
                }
                boolean wasQueued = future.isQueued();
                boolean wasDone = future.isDone();
                boolean gaveUp = choice % 4 != 0
                        ? future.cancel(true)
                        : future.completeExceptionally(new CancellationException("the caller gave up"));
                if (gaveUp) {
                    givenUp.increment();
                    if (wasQueued) {
                        givenUpWhileQueued.increment();
                    } else if (!wasDone) {
                        givenUpBetweenDecisionAndDelivery.increment();
                    }
                    // A given-up future leaves the queue at once; if its grant raced with the give-up,
                    // the slot went back (checked by the books at the end).
                    if (future.isQueued() || !future.isCompletedExceptionally()) {
                        violation("a future given up is still queued (%s) or not failed (%s)",
                                future.isQueued(), future);
                    }
                    return null;
                }
                // The scheduler decided first (grant or timeout): handle it like any decided call.
            }
            return awaitDecision(p, request, future);
        }

        private Permit awaitDecision(int p, CallRequest request, PermitFuture future) {
            long until = System.nanoTime() + HANG.toNanos();
            while (true) {
                try {
                    return future.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException strayInterrupt) {
                    // meant for an earlier acquire of this thread; the flag is cleared, wait on
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof QueueTimeoutException timeout) {
                        timedOut(p, request, timeout);
                    } else {
                        violation("an async call failed with %s", stackTrace(e.getCause()));
                    }
                    return null;
                } catch (CancellationException e) {
                    violation("a future nobody cancelled was cancelled");
                    return null;
                } catch (TimeoutException e) {
                    violation("an async call of %s was not decided within %s; %s", STRESSED[p], HANG,
                            scheduler.snapshot());
                    if (future.cancel(true)) {
                        return null;
                    }
                    until = System.nanoTime() + HANG.toNanos(); // decided meanwhile: take it
                }
            }
        }

        /** A queue timeout happens only where one was set, and its message says what it was waiting for. */
        private void timedOut(int p, CallRequest request, QueueTimeoutException e) {
            timeouts[p].increment();
            if (p != TIMEOUT_PROVIDER && request.maxWaitNanos() == 0) {
                violation("a call of %s without any queue timeout timed out: %s", STRESSED[p], e.getMessage());
            }
            String message = String.valueOf(e.getMessage());
            if (!message.contains("'" + STRESSED[p] + "'") || !message.contains("limit")
                    || !message.contains("queued")) {
                violation("a queue timeout message does not name provider, limit and queue: %s", message);
            }
        }

        private void hold(int p, Permit permit) {
            granted(p, permit);
            boolean success = random.nextInt(10) != 0;
            try {
                int signal = random.nextInt(1000);
                if (signal < 15) {
                    signalRateLimit(permit, random);
                } else if (signal < 20) {
                    permit.budgetSpent(1 + random.nextInt(2), "budget spent"); // a pause, not a limit change: any phase
                }
                holdBriefly(random);
            } finally {
                release(p, permit, success, random);
            }
        }
    }

    /** The grant target, and enough stable phases and order rounds to have checked something. */
    private boolean moreWorkNeeded() {
        return grantsTotal.get() < TARGET_GRANTS || stablePhases.sum() < MIN_STABLE_PHASES
                || orderRoundsDone.get() < ORDER_ROUNDS;
    }

    /** Mostly no time at all, sometimes up to a millisecond; never long enough for the watchdog. */
    private static void holdBriefly(Random random) {
        int r = random.nextInt(100);
        if (r < 60) {
            return;
        }
        if (r < 85) {
            Thread.yield();
        } else if (r < 98) {
            LockSupport.parkNanos(random.nextInt(200_000));
        } else {
            LockSupport.parkNanos(1_000_000);
        }
    }

    /**
     * A rate limit lowers the limit in force (adaptive), so it is a limit change: allowed only in
     * changing phases. The running-counter and the flag form a Dekker handshake with
     * {@link #stablePhase}: a worker raises the counter, then reads the flag; the test thread clears
     * the flag, then waits for the counter to reach zero. Both are volatile, so either the worker sees
     * the cleared flag and does not signal, or the test thread sees the raised counter and waits.
     */
    private void signalRateLimit(Permit permit, Random random) {
        rateLimitSignalsRunning.incrementAndGet();
        try {
            if (rateLimitsAllowed) {
                // Small hints; now and then none, which means a backoff of 1 to 4 ms.
                permit.rateLimited(random.nextInt(5) == 0 ? -1 : random.nextInt(4));
                rateLimitSignals.increment();
            }
        } finally {
            rateLimitSignalsRunning.decrementAndGet();
        }
    }

    // ------------------------------------------------------------------ (1) never more in flight than the limit

    /**
     * Counts a granted call in our books and checks the limits.
     *
     * <p>Why this check is sound although limits change at runtime and a lower limit cuts nothing:
     * our count of a call starts after the scheduler granted it and ends before we release it, so
     * at every instant our count is at most the scheduler's own in-flight count. In a stable phase
     * the test thread first sets the limits, then waits until the scheduler's in-flight counts are
     * within them (the excess from the previous, higher limits has drained), and only then publishes
     * {@link #stable}. From then on the scheduler grants only below the limit, so its count, and ours
     * with it, stays within the limit until the phase ends. A worker checks only when it read the same
     * published limits both before and after its increment: then the increment happened after the
     * drain and before the phase ended (the test thread clears {@link #stable} before it changes any
     * limit). The maximum of a counter is always reached at an increment, so checking there suffices.
     */
    private void granted(int p, Permit permit) {
        Limits before = stable;
        int inFlight = holding[p].incrementAndGet();
        int overall = holdingOverall.incrementAndGet();
        Limits after = stable;
        grants[p].increment();
        if (!permit.isGated() || !permit.isActive() || !permit.providerId().equals(name(p))) {
            violation("a granted permit is not a live gated permit of %s: %s", name(p), permit);
        }
        if (p == ORDERED_INDEX && inFlight > 1) {
            violation("%d calls in flight on %s, whose limit is always 1", inFlight, ORDERED);
        }
        if (before != null && before == after) {
            strictChecks.increment();
            int limit = before.of(p);
            if (limit > 0 && inFlight > limit) {
                violation("%d calls in flight on %s with a stable limit of %d", inFlight, name(p), limit);
            }
            if (before.global() > 0 && overall > before.global()) {
                violation("%d calls in flight overall with a stable global limit of %d", overall, before.global());
            }
        }
    }

    /** Ends a call: our count first (see {@link #granted}), then the release; sometimes a second release. */
    private void release(int p, Permit permit, boolean success, Random random) {
        holdingOverall.decrementAndGet();
        holding[p].decrementAndGet();
        permit.release(success ? Outcome.SUCCESS : Outcome.FAILURE);
        (success ? successes : failures)[p].increment();
        if (random.nextInt(10) == 0) {
            // (2) A second release is a no-op: it must count neither as completed nor as failed.
            permit.release(random.nextBoolean() ? Outcome.SUCCESS : Outcome.FAILURE);
        }
        if (permit.isActive() || permit.wasReclaimed()) {
            violation("a released permit is still active or was reclaimed: %s", permit);
        }
        grantsTotal.incrementAndGet();
    }

    // ------------------------------------------------------------------ phases (test thread)

    /** Random limit, global limit and queue-timeout changes every millisecond or so; rate limits allowed. */
    private void changingPhase(Random random) {
        rateLimitsAllowed = true;
        long end = System.nanoTime() + CHANGING_PHASE.toNanos();
        while (System.nanoTime() - end < 0) {
            int r = random.nextInt(10);
            if (r < 6) {
                scheduler.setLimit(STRESSED[random.nextInt(STRESSED.length)], pick(random, LIMIT_CHOICES));
            } else if (r < 8) {
                scheduler.setGlobalLimit(pick(random, GLOBAL_LIMIT_CHOICES));
            } else if (r < 9) {
                long millis = QUEUE_TIMEOUT_MILLIS_CHOICES[random.nextInt(QUEUE_TIMEOUT_MILLIS_CHOICES.length)];
                scheduler.setQueueTimeout(STRESSED[TIMEOUT_PROVIDER], Duration.ofMillis(millis));
            }
            checkSnapshot(null);
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** Fixed limits, checked strictly once the excess admitted under earlier limits has drained. */
    private void stablePhase(Random random) {
        rateLimitsAllowed = false;
        if (!waitUntil(() -> rateLimitSignalsRunning.get() == 0, HANG, "rate-limit signals to end")) {
            return;
        }
        int[] limits = new int[PROVIDER_COUNT];
        for (int p = 0; p < STRESSED.length; p++) {
            limits[p] = pick(random, LIMIT_CHOICES);
            // Setting the limit also ends any adaptive lowering, so the limit in force is exactly this
            // one, and no rate limit can lower it again before the phase ends.
            scheduler.setLimit(STRESSED[p], limits[p]);
        }
        limits[ORDERED_INDEX] = 1;
        int global = pick(random, GLOBAL_LIMIT_CHOICES);
        scheduler.setGlobalLimit(global);
        Limits phase = new Limits(limits, global);

        // Lowering a limit cuts no call in flight: wait for the excess to drain. The scheduler grants
        // only below a limit, so once its count is within the limit it stays within it.
        if (!waitUntil(() -> withinLimits(scheduler.snapshot(), phase), HANG, "the excess over " + phase + " to drain")) {
            return;
        }
        stable = phase;
        stablePhases.increment();
        long end = System.nanoTime() + STABLE_PHASE.toNanos();
        while (System.nanoTime() - end < 0) {
            checkSnapshot(phase);
            LockSupport.parkNanos(500_000);
        }
        stable = null;
    }

    private static boolean withinLimits(SchedulerSnapshot snapshot, Limits limits) {
        for (int p = 0; p < PROVIDER_COUNT; p++) {
            int limit = limits.of(p);
            if (limit > 0 && snapshot.provider(name(p)).inFlight() > limit) {
                return false;
            }
        }
        return limits.global() == 0 || snapshot.globalInFlight() <= limits.global();
    }

    /**
     * Checks one snapshot. A snapshot is read under the scheduler's lock, so its numbers agree with
     * each other at one instant; these equations hold at every instant, in any phase.
     */
    private void checkSnapshot(Limits limits) {
        SchedulerSnapshot snapshot = scheduler.snapshot();
        int inFlight = 0;
        int queued = 0;
        for (ProviderSnapshot provider : snapshot.providers()) {
            inFlight += provider.inFlight();
            queued += provider.queued();
            // Every start ends once, by completion, failure or reclaim; the rest is still in flight.
            if (provider.started() != provider.completed() + provider.failed() + provider.reclaimed()
                    + provider.inFlight()) {
                violation("books do not balance: %s", provider);
            }
            // No release cooldown is configured, so a slot is taken exactly while its call is in flight.
            if (provider.slotsTaken() != provider.inFlight()) {
                violation("%d slots taken but %d calls in flight: %s", provider.slotsTaken(), provider.inFlight(),
                        provider);
            }
            // The limit in force is the configured one, or lower after rate limits, never below 1;
            // an unlimited provider stays unlimited.
            boolean effectiveOk = provider.limit() == 0 ? provider.effectiveLimit() == 0
                    : provider.effectiveLimit() >= 1 && provider.effectiveLimit() <= provider.limit();
            if (!effectiveOk) {
                violation("effective limit %d out of range for limit %d: %s", provider.effectiveLimit(),
                        provider.limit(), provider);
            }
            if (limits != null) {
                // (1) In a stable phase nothing changes the limit, no rate limit lowers it, and the
                // excess has drained (see stablePhase), so the scheduler's own count is within it.
                int limit = limits.of(indexOf(provider.id()));
                strictChecks.increment();
                if (provider.limit() != limit || provider.effectiveLimit() != limit) {
                    violation("limit changed during a stable phase: expected %d, %s", limit, provider);
                }
                if (limit > 0 && provider.inFlight() > provider.effectiveLimit()) {
                    violation("scheduler has %d in flight over its limit in force %d: %s", provider.inFlight(),
                            provider.effectiveLimit(), provider);
                }
            }
        }
        // No provider was ever removed, so the global numbers are the sums of the providers'.
        if (snapshot.globalInFlight() != inFlight || snapshot.globalQueued() != queued) {
            violation("global in flight %d / queued %d, but providers sum to %d / %d: %s",
                    snapshot.globalInFlight(), snapshot.globalQueued(), inFlight, queued, snapshot);
        }
        if (limits != null) {
            if (snapshot.globalLimit() != limits.global()) {
                violation("global limit changed during a stable phase: expected %d, %s", limits.global(), snapshot);
            }
            if (limits.global() > 0 && snapshot.globalInFlight() > limits.global()) {
                violation("scheduler has %d in flight overall with a global limit of %d: %s",
                        snapshot.globalInFlight(), limits.global(), snapshot);
            }
        }
    }

    // ------------------------------------------------------------------ chaos

    /** Pauses and resumes providers a few ms at a time, and interrupts workers blocked in acquire. */
    private void chaos(Worker[] workers, Random random) {
        try {
            while (!stopChaos) {
                LockSupport.parkNanos(200_000 + random.nextInt(600_000));
                int r = random.nextInt(10);
                String provider = STRESSED[random.nextInt(STRESSED.length)];
                if (r < 5) {
                    Worker worker = workers[random.nextInt(workers.length)];
                    if (worker.inAcquire) {
                        // Usually lands while it waits; if it lands just after, the worker clears it.
                        worker.thread.interrupt();
                        interruptsSent.increment();
                    }
                } else if (r < 8) {
                    scheduler.pause(provider, 1 + random.nextInt(3));
                } else {
                    scheduler.resume(provider);
                }
            }
        } catch (Throwable t) {
            violation("the chaos thread died: %s", stackTrace(t));
        }
    }

    // ------------------------------------------------------------------ (3) order among waiters queued together

    /**
     * Rounds of: hold the only slot of {@link #ORDERED}; queue {@value #ORDER_WAITERS} waiters (some
     * blocking, some async) one at a time, each with an explicit turn start, several sharing one;
     * release; record the order they are served in. Limit 1 means each is served only after the one
     * before released, so the recorded order is the grant order, and it must be the queue order:
     * turn start first, then arrival. Arrival is fixed by waiting for each waiter to show up in the
     * queue before the next one comes. The stress load runs meanwhile, and a global limit may make
     * these waiters compete with other providers' for global slots, but that changes only when, not
     * in which order, they are served. Turn starts a minute old also keep them ahead of every stress
     * call in that competition, so each round ends quickly.
     */
    private void probeOrder(Random random) {
        try {
            for (int round = 0; round < ORDER_ROUNDS && !stopChaos; round++) {
                orderRound(round, random);
                orderRoundsDone.incrementAndGet();
                LockSupport.parkNanos(5_000_000);
            }
        } catch (Throwable t) {
            violation("the order prober died: %s", stackTrace(t));
        }
    }

    private void orderRound(int round, Random random) throws Exception {
        Duration maxWait = HANG; // bounded: a hang shows as a timeout, never as a stuck test
        Permit holder = scheduler.acquire(CallRequest.of(ORDERED, "order-holder").withMaxWait(maxWait));
        granted(ORDERED_INDEX, holder);

        long base = clock.epochMillis() - 60_000;
        long[] turnStart = new long[ORDER_WAITERS];
        for (int i = 0; i < ORDER_WAITERS; i++) {
            turnStart[i] = base + 1_000L * random.nextInt(ORDER_WAITERS / 2); // ties are broken by arrival
        }
        List<Integer> served = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch allServed = new CountDownLatch(ORDER_WAITERS);
        List<Thread> blocking = new ArrayList<>();
        for (int i = 0; i < ORDER_WAITERS; i++) {
            int waiter = i;
            CallRequest request = CallRequest.withTurnStart(ORDERED, "order-" + i, turnStart[i]).withMaxWait(maxWait);
            if (random.nextBoolean()) {
                Thread thread = thread("stress-order-" + round + "-" + i, () -> {
                    try {
                        serve(waiter, scheduler.acquire(request), served);
                    } catch (Exception e) {
                        violation("order waiter %d of round %d failed: %s", waiter, round, stackTrace(e));
                    } finally {
                        allServed.countDown();
                    }
                });
                blocking.add(thread);
                thread.start();
            } else {
                PermitFuture future = scheduler.acquireAsync(request);
                futures.add(future);
                // Runs on the thread whose release granted it, after the scheduler's lock is released.
                future.whenComplete((permit, failure) -> {
                    if (failure != null) {
                        violation("order waiter %d of round %d failed: %s", waiter, round, stackTrace(failure));
                    } else {
                        serve(waiter, permit, served);
                    }
                    allServed.countDown();
                });
            }
            int expectedQueued = i + 1;
            waitUntil(() -> scheduler.snapshot().provider(ORDERED).queued() == expectedQueued, HANG,
                    "order waiter " + i + " of round " + round + " to queue");
        }

        release(ORDERED_INDEX, holder, true, random);
        awaitQuietly(allServed, HANG);
        joinAll(blocking);

        List<Integer> expected = IntStream.range(0, ORDER_WAITERS).boxed()
                .sorted(Comparator.<Integer>comparingLong(i -> turnStart[i]).thenComparingInt(i -> i))
                .collect(Collectors.toList());
        List<Integer> actual;
        synchronized (served) {
            actual = new ArrayList<>(served);
        }
        if (!actual.equals(expected)) {
            violation("round %d served waiters in order %s, expected %s by turn start then arrival (turn starts %s)",
                    round, actual, expected, Arrays.toString(turnStart));
        }
    }

    private void serve(int waiter, Permit permit, List<Integer> served) {
        granted(ORDERED_INDEX, permit);
        served.add(waiter); // under the permit: the next waiter is granted only after the release below
        release(ORDERED_INDEX, permit, true, new Random(waiter));
    }

    // ------------------------------------------------------------------ helpers

    private static String name(int provider) {
        return provider == ORDERED_INDEX ? ORDERED : STRESSED[provider];
    }

    private static int indexOf(String provider) {
        for (int p = 0; p < PROVIDER_COUNT; p++) {
            if (name(p).equals(provider)) {
                return p;
            }
        }
        throw new IllegalArgumentException(provider);
    }

    /** A thread's own random, derived from the seed and a per-thread salt. */
    private static Random randomFor(int salt) {
        return new Random(SEED * 0x9E3779B97F4A7C15L + salt);
    }

    private static int pick(Random random, int[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    private void violation(String format, Object... args) {
        if (violationCount.incrementAndGet() <= 20) {
            String text = String.format(format, args);
            violations.add(text.length() <= 3_000 ? text : text.substring(0, 3_000) + " ...");
        }
    }

    /** Polls until {@code condition} holds, at most {@code limit}; a timeout is a violation. */
    private boolean waitUntil(BooleanSupplier condition, Duration limit, String what) {
        long until = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - until > 0) {
                violation("waited %s for %s; %s", limit, what, scheduler.snapshot());
                return false;
            }
            LockSupport.parkNanos(100_000);
        }
        return true;
    }

    private void awaitQuietly(CountDownLatch latch, Duration limit) throws InterruptedException {
        if (!latch.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            violation("waited %s for %d more threads to finish; %s", limit, latch.getCount(), scheduler.snapshot());
        }
    }

    /**
     * Joins every thread within one bounded budget. A thread still alive then is reported with its
     * stack, and interrupted so that a blocked acquire lets it go and it does not outlive the test.
     */
    private void joinAll(List<Thread> threads) throws InterruptedException {
        long until = System.nanoTime() + HANG.toNanos();
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())));
            if (thread.isAlive()) {
                violation("%s did not end within %s: %s", thread.getName(), HANG,
                        Arrays.stream(thread.getStackTrace()).map(String::valueOf)
                                .collect(Collectors.joining("\n    at ", "\n    at ", "")));
                thread.interrupt();
            }
        }
    }

    private static Thread thread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true); // never keeps the test JVM alive, whatever happens
        return thread;
    }

    private static String stackTrace(Throwable t) {
        java.io.StringWriter text = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }

    private static long sum(LongAdder[] adders) {
        return Arrays.stream(adders).mapToLong(LongAdder::sum).sum();
    }

    private static AtomicInteger[] counters() {
        AtomicInteger[] counters = new AtomicInteger[PROVIDER_COUNT];
        Arrays.setAll(counters, p -> new AtomicInteger());
        return counters;
    }

    private static LongAdder[] adders() {
        LongAdder[] adders = new LongAdder[PROVIDER_COUNT];
        Arrays.setAll(adders, p -> new LongAdder());
        return adders;
    }
}
