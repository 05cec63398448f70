package dev.turnstile.bench.e2e.app;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The measured application of the per-call overhead benchmark: one client makes at least
 * {@code warmup} pairs of calls ({@code /small}, then {@code /stream}, alternating) on one thread,
 * more until the JIT is quiet, then {@code measured} pairs, and prints the median time of each kind:
 *
 * <pre>
 * small NANOS
 * stream NANOS
 * alloc BYTES    (bytes allocated per pair of calls, all threads, over the timed calls)
 * own BYTES      (of those, the calling thread's: all of a blocking client's work, without the
 *                 background threads whose allocation follows wall time, such as pool clean-ups)
 * cpu NANOS      (process CPU time per pair of calls over the timed calls)
 * owncpu NANOS   (of that, the calling thread's)
 * waits N        (times per 1000 pairs the calling thread blocked; -1 where the system does not say)
 * gated N        (calls the Turnstile provider "bench" started; -1 without that provider)
 * warm N         (warm-up pairs made: {@code warmup}, or more while the JIT was still compiling)
 * jit MS         (milliseconds the JIT compiled during the timed calls)
 * </pre>
 *
 * <p>Why warm up until the JIT is quiet: on two cores a compiler thread still at work takes a core
 * from the calls, and an agent's advice gives the JIT more to compile, so a fixed warm-up times
 * the compiler as much as the calls.
 *
 * <p>Allocation and CPU time do not grow when other processes compete for the cores, as wall
 * time does, so they show a small cost on a busy machine. Both count every thread of the JVM:
 * asynchronous clients work on threads of their own.
 *
 * <pre>java [-javaagent:...] -cp e2e-apps.jar dev.turnstile.bench.e2e.app.CallLoop CLIENT BASE_URL WARMUP MEASURED</pre>
 */
public final class CallLoop {

    private static final int WARM_CHUNK = 1000;
    private static final long QUIET_JIT_MILLIS = 2;
    private static final int WARM_LIMIT_FACTOR = 5;

    private CallLoop() {
    }

    public static void main(String[] args) throws Exception {
        Caller caller = Caller.named(args[0], args[1]);
        int warmup = Integer.parseInt(args[2]);
        int measured = Integer.parseInt(args[3]);

        long[] small = new long[measured];
        long[] stream = new long[measured];
        int warm = warmUp(caller, warmup);
        long jitBefore = JvmCounters.compilationMillis();
        long waitsBefore = JvmCounters.ownWaits(); // reads a file: before the other counters start
        long allocatedBefore = JvmCounters.allocatedBytes();
        long ownBefore = JvmCounters.ownAllocatedBytes();
        long cpuBefore = JvmCounters.cpuNanos();
        long ownCpuBefore = JvmCounters.ownCpuNanos();
        for (int i = 0; i < measured; i++) {
            callBoth(caller, small, stream, i);
        }
        long ownCpu = JvmCounters.ownCpuNanos() - ownCpuBefore;
        long cpu = JvmCounters.cpuNanos() - cpuBefore;
        long allocated = JvmCounters.allocatedBytes() - allocatedBefore;
        long own = JvmCounters.ownAllocatedBytes() - ownBefore;
        long jit = JvmCounters.compilationMillis() - jitBefore;
        long waits = waitsBefore < 0 ? -1 : (JvmCounters.ownWaits() - waitsBefore) * 1000 / measured;
        System.out.println("small " + median(small));
        System.out.println("stream " + median(stream));
        System.out.println("alloc " + allocated / measured);
        System.out.println("own " + own / measured);
        System.out.println("cpu " + cpu / measured);
        System.out.println("owncpu " + ownCpu / measured);
        System.out.println("waits " + waits);
        System.out.println("gated " + gatedCalls());
        System.out.println("warm " + warm);
        System.out.println("jit " + jit);
        System.out.flush();
        System.exit(0); // some clients (Jetty, Vert.x, Reactor Netty) keep threads that would hold the JVM
    }

    /**
     * {@code minimum} pairs, then chunks of {@value #WARM_CHUNK} more until one passes in which
     * the JIT compiled for at most {@value #QUIET_JIT_MILLIS} ms, up to {@value #WARM_LIMIT_FACTOR}
     * times {@code minimum} in all (a JVM that keeps recompiling is measured as it is).
     */
    private static int warmUp(Caller caller, int minimum) throws Exception {
        int made = 0;
        for (; made < minimum; made++) {
            callBoth(caller, null, null, 0);
        }
        long limit = (long) minimum * WARM_LIMIT_FACTOR;
        long jit = JvmCounters.compilationMillis();
        while (made < limit) {
            for (int i = 0; i < WARM_CHUNK; i++, made++) {
                callBoth(caller, null, null, 0);
            }
            long now = JvmCounters.compilationMillis();
            if (now - jit <= QUIET_JIT_MILLIS) {
                break;
            }
            jit = now;
        }
        return made;
    }

    private static void callBoth(Caller caller, long[] small, long[] stream, int i) throws Exception {
        long start = System.nanoTime();
        long bytes = caller.small();
        long middle = System.nanoTime();
        long events = caller.stream();
        long end = System.nanoTime();
        if (bytes == 0 || events != LoopbackServer.STREAM_EVENTS) {
            throw new IllegalStateException("unexpected answer: " + bytes + " bytes, " + events + " events");
        }
        if (small != null) {
            small[i] = middle - start;
            stream[i] = end - middle;
        }
    }

    private static long median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Read after the measurement, so the JMX classes it loads cost the measured calls nothing. */
    private static long gatedCalls() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName bench = new ObjectName("dev.turnstile:type=Provider,name=bench");
        return server.isRegistered(bench) ? ((Number) server.getAttribute(bench, "Started")).longValue() : -1;
    }
}
