package dev.turnstile.bench.sim;

import dev.turnstile.core.time.Cancellable;
import dev.turnstile.core.time.TimeSource;
import dev.turnstile.core.time.TimerService;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * Virtual time and the event loop of one simulation. The scheduler reads its clock here and
 * schedules its timers (pause ends, adaptive recovery, watchdog) here, next to the simulation's
 * own events (a call ends, a tool pause is over), so everything runs on one thread in one order:
 * by due time, then by the order of scheduling. That makes a run a pure function of its seed.
 */
final class VirtualClock implements TimeSource, TimerService {

    /** Epoch millis at virtual time zero; any fixed value will do. */
    private static final long EPOCH_START_MILLIS = 1_800_000_000_000L;

    private final PriorityQueue<Event> events =
            new PriorityQueue<>(Comparator.comparingLong(Event::due).thenComparingLong(Event::order));
    private long nanos;
    private long scheduled;

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public long epochMillis() {
        return EPOCH_START_MILLIS + nanos / 1_000_000L;
    }

    double seconds() {
        return nanos / 1e9;
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
        Event event = new Event(nanos + Math.max(0, delayNanos), scheduled++, task);
        events.add(event);
        return () -> events.remove(event);
    }

    void after(double seconds, Runnable task) {
        schedule(task, Math.round(seconds * 1e9));
    }

    /**
     * Runs events in order until {@code done} holds. Timers the scheduler keeps armed (the
     * watchdog) may still be pending then; they belong to no call and are dropped.
     *
     * @throws IllegalStateException when nothing is left to run but the simulation is not done
     */
    void runUntil(BooleanSupplier done) {
        while (!done.getAsBoolean()) {
            Event next = events.poll();
            if (next == null) {
                throw new IllegalStateException("the simulation stalled at " + seconds() + " s with no event left");
            }
            nanos = next.due();
            next.task().run();
        }
    }

    private record Event(long due, long order, Runnable task) {
    }
}
