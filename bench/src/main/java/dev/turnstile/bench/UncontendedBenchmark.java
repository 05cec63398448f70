package dev.turnstile.bench;

import dev.turnstile.core.CallRequest;
import dev.turnstile.core.Outcome;
import dev.turnstile.core.Permit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Target 1: one thread, acquire + release on a provider with room to spare (limit 1000), so
 * every call takes the fast path. Turnstile should cost at most 2× a bare {@link Semaphore}
 * and under 200 ns.
 *
 * <ul>
 *   <li>{@code semaphore}: the baseline, a default (non-fair) {@code Semaphore(1000)};</li>
 *   <li>{@code turnstileAgent}: a call with an agent key, so turn tracking runs (agent lookup,
 *       per-agent in-flight counts);</li>
 *   <li>{@code turnstileFifo}: an anonymous call (null agent), plain FIFO.</li>
 * </ul>
 *
 * Two reference points, not targets, show the floor of the Turnstile path, which takes the
 * scheduler's lock twice (acquire, release) and reads the clock two or three times:
 * {@code refLockUnlock} (an uncontended {@link ReentrantLock} lock + unlock) and
 * {@code refNanoTime} (one {@link System#nanoTime()}).
 *
 *
 * The request is built per call, as the HTTP layer does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
public class UncontendedBenchmark {

    private static final int LIMIT = 1000;

    private Semaphore semaphore;
    private Fixture fixture;
    private String agentKey;
    private final ReentrantLock lock = new ReentrantLock();

    @Setup
    public void setUp() {
        semaphore = new Semaphore(LIMIT);
        fixture = new Fixture(LIMIT);
        agentKey = "agent-1";
    }

    @TearDown
    public void tearDown() {
        int inFlight = fixture.inFlight();
        fixture.close();
        if (inFlight != 0 || semaphore.availablePermits() != LIMIT) {
            throw new IllegalStateException("leaked slots: " + inFlight + " in flight");
        }
    }

    @Benchmark
    public Semaphore semaphore() throws InterruptedException {
        semaphore.acquire();
        semaphore.release();
        return semaphore;
    }

    @Benchmark
    public Permit turnstileAgent() throws Exception {
        Permit permit = fixture.scheduler.acquire(CallRequest.of(Fixture.PROVIDER, agentKey));
        permit.release(Outcome.SUCCESS);
        return permit;
    }

    @Benchmark
    public Permit turnstileFifo() throws Exception {
        Permit permit = fixture.scheduler.acquire(CallRequest.of(Fixture.PROVIDER, null));
        permit.release(Outcome.SUCCESS);
        return permit;
    }

    @Benchmark
    public ReentrantLock refLockUnlock() {
        lock.lock();
        lock.unlock();
        return lock;
    }

    @Benchmark
    public long refNanoTime() {
        return System.nanoTime();
    }
}
