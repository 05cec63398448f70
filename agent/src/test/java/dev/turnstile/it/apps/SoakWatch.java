package dev.turnstile.it.apps;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the soak watches in its own JVM, the way any application could (plain JMX, no Turnstile
 * class): the provider's calls in flight plus queued, sampled every few milliseconds for the peak
 * and for the limit; live threads and heap after GC, for growth; and a full thread dump when a
 * call never ends.
 */
final class SoakWatch implements AutoCloseable {

    private static final long SAMPLE_MILLIS = 5;

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final ObjectName provider;
    private final int limit;
    private final AtomicLong peak = new AtomicLong();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicLong samples = new AtomicLong();
    private final List<Long> threadSeries = new ArrayList<>();
    private final List<Long> heapSeries = new ArrayList<>();
    private final List<String> reclaims = java.util.Collections.synchronizedList(new ArrayList<>());
    private final java.util.function.Consumer<String> onReclaim;
    private final Thread sampler;
    private volatile boolean running = true;

    /**
     * Watches provider {@code providerId}; {@code onReclaim} hears the watchdog's message when it
     * takes back a slot (a slot its call never released: a leak).
     */
    SoakWatch(String providerId, int limit, java.util.function.Consumer<String> onReclaim) throws Exception {
        this.onReclaim = onReclaim;
        this.provider = new ObjectName("dev.turnstile:type=Provider,name=" + providerId);
        this.limit = limit;
        long deadline = System.nanoTime() + 20_000_000_000L; // the agent registers its MBeans as it starts
        while (!server.isRegistered(provider) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (!server.isRegistered(provider)) {
            throw new IllegalStateException("no MBean " + provider + ": is the agent attached?");
        }
        server.addNotificationListener(provider, (notification, handback) -> {
            if (notification.getType().endsWith(".reclaimed")) {
                reclaims.add(notification.getMessage());
                System.out.println("RECLAIMED " + notification.getMessage());
                onReclaim.accept(notification.getMessage());
            }
        }, null, null);
        sampler = new Thread(this::sample, "soak-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (running) {
            try {
                long inFlight = attribute("InFlight");
                long queued = attribute("Queued");
                peak.accumulateAndGet(inFlight + queued, Math::max);
                maxInFlight.accumulateAndGet((int) inFlight, Math::max);
                samples.incrementAndGet();
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                System.out.println("SAMPLER failed: " + e);
                return;
            }
        }
    }

    long attribute(String name) throws Exception {
        return ((Number) server.getAttribute(provider, name)).longValue();
    }

    /** The most calls in flight plus queued seen at once. */
    long peak() {
        return peak.get();
    }

    /** The most calls in flight seen at once; never above the limit. */
    int maxInFlight() {
        return maxInFlight.get();
    }

    int limit() {
        return limit;
    }

    /** The watchdog's messages, one per slot it took back. */
    List<String> reclaims() {
        synchronized (reclaims) {
            return new ArrayList<>(reclaims);
        }
    }

    long samples() {
        return samples.get();
    }

    /** Live threads and used heap after a full GC, added to the series; returns the line to print. */
    String growthSample() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        long threads = ManagementFactory.getThreadMXBean().getThreadCount();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        synchronized (this) {
            threadSeries.add(threads);
            heapSeries.add(heap);
        }
        return "threads=" + threads + " heapKiB=" + heap / 1024;
    }

    synchronized List<Long> threadSeries() {
        return new ArrayList<>(threadSeries);
    }

    synchronized List<Long> heapSeries() {
        return new ArrayList<>(heapSeries);
    }

    /** Threads the JVM finds deadlocked on monitors or locks; empty when none. */
    static long[] deadlocked() {
        long[] ids = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
        return ids == null ? new long[0] : ids;
    }

    /** Every thread with its whole stack and the locks it holds and waits for. */
    static void dumpThreads() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        StringBuilder dump = new StringBuilder("THREAD DUMP\n");
        for (ThreadInfo info : threads.dumpAllThreads(true, true)) {
            dump.append('"').append(info.getThreadName()).append("\" ").append(info.getThreadState());
            if (info.getLockName() != null) {
                dump.append(" on ").append(info.getLockName());
            }
            if (info.getLockOwnerName() != null) {
                dump.append(" owned by \"").append(info.getLockOwnerName()).append('"');
            }
            dump.append('\n');
            StackTraceElement[] stack = info.getStackTrace();
            for (int i = 0; i < stack.length; i++) {
                dump.append("\tat ").append(stack[i]).append('\n');
                for (MonitorInfo monitor : info.getLockedMonitors()) {
                    if (monitor.getLockedStackDepth() == i) {
                        dump.append("\t- locked ").append(monitor).append('\n');
                    }
                }
            }
            for (LockInfo lock : info.getLockedSynchronizers()) {
                dump.append("\t- holds ").append(lock).append('\n');
            }
            dump.append('\n');
        }
        System.out.println(dump);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join(5_000);
    }
}
