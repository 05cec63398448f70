package dev.turnstile.core;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Listener events in the order the scheduler decided them, told one at a time. Sections add
 * their events while they still hold the scheduler's lock, so the line's order is the order of
 * the changes; whoever finds nobody telling then tells everything queued, and a thread that finds
 * another one telling leaves its events to it. So two sections that end at the same moment, or
 * a listener that changes the scheduler from inside an event, can never make a listener hear
 * "limit 8 -> 7" after "5 -> 4". Nobody waits: no lock, no monitor.
 */
final class EventLine {

    private final Queue<Consumer<SchedulerListener>> pending = new ConcurrentLinkedQueue<>();
    /** How many threads asked to tell since the teller last looked; non-zero while one tells. */
    private final AtomicInteger asks = new AtomicInteger();

    /** Queues an event. Called under the scheduler's lock. */
    void add(Consumer<SchedulerListener> event) {
        pending.add(event);
    }

    /** Tells every queued event to every listener, in order, unless another thread is doing so. */
    void tell(List<SchedulerListener> listeners) {
        if (asks.getAndIncrement() != 0) {
            return; // the thread telling now will also tell what this one queued
        }
        int missed = 1;
        do {
            for (Consumer<SchedulerListener> event; (event = pending.poll()) != null; ) {
                tellOne(event, listeners);
            }
            missed = asks.addAndGet(-missed);
        } while (missed != 0);
    }

    private static void tellOne(Consumer<SchedulerListener> event, List<SchedulerListener> listeners) {
        for (SchedulerListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException | LinkageError ignored) {
                // A listener's failure must not reach the call that caused the event.
            }
        }
    }
}
