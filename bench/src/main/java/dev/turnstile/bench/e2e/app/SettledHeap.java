package dev.turnstile.bench.e2e.app;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.TimeUnit;

/** The heap in use once full collections stop shrinking it (reference processing may need several). */
public final class SettledHeap {

    private static final int MIN_GCS = 4;
    private static final int MAX_GCS = 10;

    private SettledHeap() {
    }

    public static long usedBytes() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int round = 1; round <= MAX_GCS; round++) {
            System.gc();
            TimeUnit.MILLISECONDS.sleep(100);
            long now = memory.getHeapMemoryUsage().getUsed();
            if (round >= MIN_GCS && now >= used) {
                return used;
            }
            used = Math.min(now, used);
        }
        return used;
    }
}
