package dev.turnstile.bench.e2e.app;

import java.lang.management.ManagementFactory;

/** Whole-JVM counters that a busy machine does not inflate: bytes allocated and CPU time. */
final class JvmCounters {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean SYSTEM =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private JvmCounters() {
    }

    /** Bytes allocated so far by the live threads (a thread that ended takes its count with it). */
    static long allocatedBytes() {
        long total = 0;
        for (long bytes : THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds())) {
            total += Math.max(bytes, 0);
        }
        return total;
    }

    /** Bytes allocated so far by the calling thread. */
    static long ownAllocatedBytes() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** CPU time of the whole process so far, in nanoseconds. */
    static long cpuNanos() {
        return SYSTEM.getProcessCpuTime();
    }
}
