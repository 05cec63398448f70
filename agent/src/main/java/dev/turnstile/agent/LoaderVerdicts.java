package dev.turnstile.agent;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Yes-or-no verdicts kept per class loader, without keeping a loader alive. The boot loader
 * ({@code null}) has a slot of its own. A {@code java.util.concurrent} lock, not a monitor: class
 * loading threads may be virtual.
 */
final class LoaderVerdicts {

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<ClassLoader, Boolean> verdicts = new WeakHashMap<>();
    private volatile Boolean boot;

    /** The verdict for {@code loader}, or null when there is none yet. */
    Boolean get(ClassLoader loader) {
        if (loader == null) {
            return boot;
        }
        lock.lock();
        try {
            return verdicts.get(loader);
        } finally {
            lock.unlock();
        }
    }

    /** Keeps {@code verdict} unless another came first; true when this one was kept. */
    boolean putFirst(ClassLoader loader, boolean verdict) {
        lock.lock();
        try {
            if (loader == null) {
                if (boot != null) {
                    return false;
                }
                boot = verdict;
                return true;
            }
            return verdicts.putIfAbsent(loader, verdict) == null;
        } finally {
            lock.unlock();
        }
    }
}
