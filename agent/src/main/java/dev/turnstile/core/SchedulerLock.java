package dev.turnstile.core;

import dev.turnstile.core.time.TimeSource;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The scheduler's one lock, and what the section holding it has decided. Every state change of
 * the scheduler happens in a section: {@link #lock()}, change, {@link #unlock()}. What a section
 * must tell others (waiters to wake, listener events) goes into its {@link #outbox()}, which
 * {@code unlock} flushes once the lock is released, so no caller code ever runs under the lock.
 *
 * <p>A section also sees one instant, {@link #now()}, read from the clock at most once. Sections do
 * not nest: code that may run inside or outside one asks {@link #isHeldByCurrentThread()}.
 *
 * <p>A {@code ReentrantLock}, not {@code synchronized}, so virtual threads never pin on it.
 */
final class SchedulerLock {

    private final ReentrantLock lock = new ReentrantLock();
    private final TimeSource time;
    private final List<SchedulerListener> listeners;
    private final EventLine events = new EventLine();

    // Guarded by the lock, and reset when the section ends.
    private Outbox outbox;
    private long now;
    private boolean nowRead;

    SchedulerLock(TimeSource time, List<SchedulerListener> listeners) {
        this.time = time;
        this.listeners = listeners;
    }

    void lock() {
        lock.lock();
    }

    /** Ends the section, then wakes its waiters and tells its listeners, without the lock. */
    void unlock() {
        Outbox decided = outbox;
        outbox = null;
        nowRead = false;
        if (decided != null) {
            decided.queueEvents(events); // still locked: the line's order is the order of the changes
        }
        lock.unlock();
        if (decided != null) {
            decided.flush(events, listeners);
        }
    }

    boolean isHeldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }

    /** The section's instant on the scheduler's clock. */
    long now() {
        if (!nowRead) {
            now = time.nanoTime();
            nowRead = true;
        }
        return now;
    }

    /** Where the section puts what it decided; made on first use, so a section that decides nothing allocates nothing. */
    Outbox outbox() {
        if (outbox == null) {
            outbox = new Outbox();
        }
        return outbox;
    }

    /** Runs {@code section} under the lock, then delivers what it decided. */
    void run(Runnable section) {
        lock();
        try {
            section.run();
        } finally {
            unlock();
        }
    }

    /** Like {@link #run}, for a section that answers. */
    <T> T call(Supplier<T> section) {
        lock();
        try {
            return section.get();
        } finally {
            unlock();
        }
    }
}
