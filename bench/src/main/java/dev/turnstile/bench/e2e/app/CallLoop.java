package dev.turnstile.bench.e2e.app;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The measured application of the per-call overhead benchmark: one client makes {@code warmup}
 * then {@code measured} pairs of calls ({@code /small}, then {@code /stream}, alternating) on one
 * thread and prints the median time of each kind:
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
 * </pre>
 *
 * <p>Allocation and CPU time do not grow when other processes compete for the cores, as wall
 * time does, so they show a small cost on a busy machine. Both count every thread of the JVM:
 * asynchronous clients work on threads of their own.
 *
 * <pre>java [-javaagent:...] -cp e2e-apps.jar dev.turnstile.bench.e2e.app.CallLoop CLIENT BASE_URL WARMUP MEASURED</pre>
 */
public final class CallLoop {

    private CallLoop() {
    }

    public static void main(String[] args) throws Exception {
        Caller caller = Caller.named(args[0], args[1]);
        int warmup = Integer.parseInt(args[2]);
        int measured = Integer.parseInt(args[3]);

        long[] small = new long[measured];
        long[] stream = new long[measured];
        for (int i = 0; i < warmup; i++) {
            callBoth(caller, null, null, 0);
        }
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
        long waits = waitsBefore < 0 ? -1 : (JvmCounters.ownWaits() - waitsBefore) * 1000 / measured;
        System.out.println("small " + median(small));
        System.out.println("stream " + median(stream));
        System.out.println("alloc " + allocated / measured);
        System.out.println("own " + own / measured);
        System.out.println("cpu " + cpu / measured);
        System.out.println("owncpu " + ownCpu / measured);
        System.out.println("waits " + waits);
        System.out.println("gated " + gatedCalls());
        System.out.flush();
        System.exit(0); // some clients (Jetty, Vert.x, Reactor Netty) keep threads that would hold the JVM
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
