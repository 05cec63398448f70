package dev.turnstile.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a locked section decided and must tell others: waiters to wake and listener events. It is
 * filled under the scheduler's lock and {@link #flush flushed} after it, so caller code (future
 * callbacks, listeners) never runs while the scheduler is locked. Its events join the scheduler's
 * {@link EventLine} before the lock is released, so listeners hear them in the order decided.
 */
final class Outbox {

    private List<Waiter> deliveries;
    private List<Consumer<SchedulerListener>> events;

    void deliver(Waiter waiter) {
        if (deliveries == null) {
            deliveries = new ArrayList<>(4);
        }
        deliveries.add(waiter);
    }

    void event(Consumer<SchedulerListener> event) {
        if (events == null) {
            events = new ArrayList<>(2);
        }
        events.add(event);
    }

    /**
     * Wakes the waiters and tells the listeners, on the thread that made the decision: often an
     * application thread releasing its own slot. A granted async call starts its exchange right
     * here, so that thread's interrupt status is set aside meanwhile: it belongs to the releasing
     * caller, and would make the other call's client fail (Apache's async connection lease
     * cancels itself on an interrupted thread). The status is restored afterwards.
     */
    void flush(EventLine line, List<SchedulerListener> listeners) {
        boolean interrupted = Thread.interrupted();
        try {
            deliverAndTell(line, listeners);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Moves this section's events onto the line. Under the lock, so the line keeps the order of decisions. */
    void queueEvents(EventLine line) {
        if (events != null) {
            for (Consumer<SchedulerListener> event : events) {
                line.add(event);
            }
            events = null;
        }
    }

    private void deliverAndTell(EventLine line, List<SchedulerListener> listeners) {
        if (deliveries != null) {
            for (Waiter waiter : deliveries) {
                waiter.deliver();
            }
        }
        line.tell(listeners);
    }
}
