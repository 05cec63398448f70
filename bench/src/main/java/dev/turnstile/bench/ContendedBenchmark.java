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
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.ThreadParams;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Target 2: 16 threads share a limit of 4. Each operation acquires, does a little work while
 * holding the slot ({@link Blackhole#consumeCPU} of {@value #WORK_TOKENS} tokens) and releases.
 * Turnstile's throughput should be within 3× of a fair {@code Semaphore(4, true)}: both serve
 * waiters in order and hand slots over by parking and unparking threads.
 *
 * <p>The non-fair semaphore is shown for reference only (it lets a releasing thread barge
 * straight back in, which an ordered gate must not do).
 *
 * <p>{@code turnstileAgent} gives each thread its own agent key (like
 * {@code turnstile.priority.agent=thread}), so waiters are ordered by agent turn;
 * {@code turnstileFifo} uses anonymous calls.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(16)
public class ContendedBenchmark {

    private static final int LIMIT = 4;
    static final int WORK_TOKENS = 10;

    private Semaphore fairSemaphore;
    private Semaphore unfairSemaphore;
    private Fixture fixture;

    /** One agent per benchmark thread. */
    @State(Scope.Thread)
    public static class Agent {
        String key;

        @Setup
        public void setUp(ThreadParams thread) {
            key = "agent-" + thread.getThreadIndex();
        }
    }

    @Setup
    public void setUp() {
        fairSemaphore = new Semaphore(LIMIT, true);
        unfairSemaphore = new Semaphore(LIMIT, false);
        fixture = new Fixture(LIMIT);
    }

    @TearDown
    public void tearDown() {
        int inFlight = fixture.inFlight();
        int queued = fixture.queued();
        fixture.close();
        if (inFlight != 0 || queued != 0) {
            throw new IllegalStateException("left behind: " + inFlight + " in flight, " + queued + " queued");
        }
    }

    @Benchmark
    public void fairSemaphore() throws InterruptedException {
        fairSemaphore.acquire();
        try {
            Blackhole.consumeCPU(WORK_TOKENS);
        } finally {
            fairSemaphore.release();
        }
    }

    @Benchmark
    public void unfairSemaphore() throws InterruptedException {
        unfairSemaphore.acquire();
        try {
            Blackhole.consumeCPU(WORK_TOKENS);
        } finally {
            unfairSemaphore.release();
        }
    }

    @Benchmark
    public void turnstileAgent(Agent agent) throws Exception {
        Permit permit = fixture.scheduler.acquire(CallRequest.of(Fixture.PROVIDER, agent.key));
        try {
            Blackhole.consumeCPU(WORK_TOKENS);
        } finally {
            permit.release(Outcome.SUCCESS);
        }
    }

    @Benchmark
    public void turnstileFifo() throws Exception {
        Permit permit = fixture.scheduler.acquire(CallRequest.of(Fixture.PROVIDER, null));
        try {
            Blackhole.consumeCPU(WORK_TOKENS);
        } finally {
            permit.release(Outcome.SUCCESS);
        }
    }
}
