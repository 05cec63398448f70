package dev.turnstile.bench;

import dev.turnstile.core.CallRequest;
import dev.turnstile.core.Outcome;
import dev.turnstile.core.Permit;
import dev.turnstile.core.PermitFuture;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * Target 3: the cost of a queue operation with {@code waiters} calls already queued should grow
 * no worse than logarithmically.
 *
 * <p>Set-up: a provider with limit 1, its one slot held, and {@code waiters} asynchronous calls
 * queued behind it with late explicit turn starts (1,000,000 + i ms). The queue length stays
 * the same for the whole run.
 *
 * <ul>
 *   <li>{@code enqueueAndGrant}: a new call with turn start 0 (older than everyone, so it sifts
 *       up to the head of the heap), then the held slot is released, which grants the new call
 *       (removing the head sifts the heap's last element down from the root); its permit
 *       becomes the held one.</li>
 *   <li>{@code enqueueAndCancel}: a new call with turn start 0 is queued (again sifted to the
 *       head) and cancelled with {@code future.cancel(false)}, which removes it from the heap.
 *       Removing the head is the worst case of the indexed removal; note that
 *       {@code CompletableFuture.cancel} also builds a {@code CancellationException} (with a
 *       stack trace), a constant cost independent of the queue length.</li>
 *   <li>{@code enqueueAndFail}: the same, but the call is withdrawn with
 *       {@code future.completeExceptionally(e)} and a pre-built exception, which takes the same
 *       path out of the queue without building an exception per call: a control that separates
 *       the queue's cost from {@code cancel}'s.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
public class QueueDepthBenchmark {

    /** Built once, so that {@link #enqueueAndFail} measures no exception construction. */
    private static final CancellationException WITHDRAWN = new CancellationException("withdrawn by the benchmark");

    @Param({"100", "1000", "10000"})
    public int waiters;

    private Fixture fixture;
    private Permit held;
    private PermitFuture[] queued;

    @Setup
    public void setUp() throws Exception {
        fixture = new Fixture(1);
        held = fixture.scheduler.acquire(CallRequest.of(Fixture.PROVIDER, null));
        queued = new PermitFuture[waiters];
        for (int i = 0; i < waiters; i++) {
            queued[i] = fixture.scheduler.acquireAsync(
                    CallRequest.withTurnStart(Fixture.PROVIDER, null, 1_000_000L + i));
        }
        check();
    }

    @TearDown
    public void tearDown() {
        try {
            check();
            for (PermitFuture future : queued) {
                future.cancel(false);
            }
            held.release(Outcome.SUCCESS);
        } finally {
            fixture.close();
        }
    }

    /** The queue must be exactly as deep as the parameter says, with the slot held. */
    private void check() {
        int depth = fixture.queued();
        if (depth != waiters || !held.isActive()) {
            throw new IllegalStateException("expected " + waiters + " queued behind a held slot, found " + depth);
        }
    }

    @Benchmark
    public Permit enqueueAndGrant() {
        PermitFuture next = fixture.scheduler.acquireAsync(CallRequest.withTurnStart(Fixture.PROVIDER, null, 0));
        held.release(Outcome.SUCCESS);
        // The grant is delivered on the releasing thread, so the future is complete by now.
        Permit permit = next.getNow(null);
        if (permit == null) {
            throw new IllegalStateException("the oldest waiter was not granted the released slot");
        }
        held = permit;
        return permit;
    }

    @Benchmark
    public PermitFuture enqueueAndCancel() {
        PermitFuture future = fixture.scheduler.acquireAsync(CallRequest.withTurnStart(Fixture.PROVIDER, null, 0));
        future.cancel(false);
        return future;
    }

    @Benchmark
    public PermitFuture enqueueAndFail() {
        PermitFuture future = fixture.scheduler.acquireAsync(CallRequest.withTurnStart(Fixture.PROVIDER, null, 0));
        future.completeExceptionally(WITHDRAWN);
        return future;
    }
}
