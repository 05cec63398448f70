package dev.turnstile.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a locked section decided and must tell others: waiters to wake and listener events. It is
 * filled under the scheduler's lock and {@link #flush flushed} after it, so caller code (future
 * callbacks, listeners) never runs while the scheduler is locked.
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
    void flush(List<SchedulerListener> listeners) {
        boolean interrupted = Thread.interrupted();
        try {
            deliverAndTell(listeners);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void deliverAndTell(List<SchedulerListener> listeners) {
        if (deliveries != null) {
            for (Waiter waiter : deliveries) {
                waiter.deliver();
            }
        }
        if (events != null) {
            for (Consumer<SchedulerListener> event : events) {
                for (SchedulerListener listener : listeners) {
                    try {
                        event.accept(listener);
                    } catch (RuntimeException | LinkageError ignored) {
                        // A listener's failure must not reach the call that caused the event.
                    }
                }
            }
        }
    }
}
