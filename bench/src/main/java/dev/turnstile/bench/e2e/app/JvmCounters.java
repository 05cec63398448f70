package dev.turnstile.bench.e2e.app;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

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

    /** CPU time of the calling thread so far, in nanoseconds (no JIT, GC or client threads). */
    static long ownCpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /**
     * How often the calling thread has blocked so far (its voluntary context switches, from
     * {@code /proc/thread-self/status}); -1 where the system does not say. A blocking client
     * blocks when it reads before the answer has come: the time it then waits includes waking
     * up, which costs the more the deeper its core fell idle.
     */
    static long ownWaits() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
                if (line.startsWith("voluntary_ctxt_switches:")) {
                    return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no count
        }
        return -1;
    }

    /** Milliseconds the JIT has compiled so far, all compiler threads together (-1: not monitored). */
    static long compilationMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    /** CPU time of the whole process so far, in nanoseconds. */
    static long cpuNanos() {
        return SYSTEM.getProcessCpuTime();
    }
}
