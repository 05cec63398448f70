package dev.turnstile.core;

import dev.turnstile.core.time.Cancellable;
import dev.turnstile.core.time.TimeSource;
import dev.turnstile.core.time.TimerService;

import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * A clock and timer that move only when a test says so. {@link #advance} runs every task that
 * falls due, in due order, on the calling thread. Thread-safe, so blocking callers on other
 * threads may schedule timeouts while the test thread advances.
 */
public final class FakeTime implements TimeSource, TimerService {

    private static final long EPOCH_START = 1_800_000_000_000L;

    private final PriorityQueue<Task> tasks =
            new PriorityQueue<>(Comparator.comparingLong((Task t) -> t.due).thenComparingLong(t -> t.order));
    private long nanos = 1_000_000_000L; // not zero, to catch code that assumes it
    private long order;

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public synchronized long epochMillis() {
        return EPOCH_START + nanos / 1_000_000L;
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, long delayNanos) {
        Task t = new Task(nanos + Math.max(0, delayNanos), order++, task);
        tasks.add(t);
        return () -> {
            synchronized (FakeTime.this) {
                tasks.remove(t);
            }
        };
    }

    /** Moves time forward by {@code step}, running each due task at its own due time. */
    public void advance(Duration step) {
        long target;
        synchronized (this) {
            target = nanos + step.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.due > target) {
                    nanos = target;
                    return;
                }
                tasks.poll();
                nanos = Math.max(nanos, next.due);
            }
            next.task.run(); // outside our monitor: tasks take the scheduler's lock
        }
    }

    public void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }

    /** Runs tasks due now without moving the clock. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    public synchronized int pendingTasks() {
        return tasks.size();
    }

    private static final class Task {
        final long due;
        final long order;
        final Runnable task;

        Task(long due, long order, Runnable task) {
            this.due = due;
            this.order = order;
            this.task = task;
        }
    }
}
