package dev.turnstile.redis;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The scripts waiting for the {@link FleetLink} thread, in the order the scheduler's events asked
 * for them. Recording one never blocks (the scheduler's lock may be held); only the link thread
 * waits, for the next. While the JVM is not shared nothing is recorded: a fall-back or a rejoin
 * replays what matters.
 */
final class ScriptQueue {

    private final FleetLedger ledger;
    private final Condition work;
    private final ArrayDeque<Consumer<FleetLink>> commands = new ArrayDeque<>();

    ScriptQueue(FleetLedger ledger) {
        this.ledger = ledger;
        this.work = ledger.lock.newCondition();
    }

    /** Queues a script for the link thread if shared; false if not. The caller holds the ledger's lock. */
    boolean add(Consumer<FleetLink> command) {
        if (!ledger.shared()) {
            return false;
        }
        commands.add(command);
        work.signal();
        return true;
    }

    /** {@link #add}, taking the ledger's lock itself. */
    void addLocking(Consumer<FleetLink> command) {
        ledger.lock.lock();
        try {
            add(command);
        } finally {
            ledger.lock.unlock();
        }
    }

    /** Drops what was queued for an incarnation that is over. The caller holds the ledger's lock. */
    void clear() {
        commands.clear();
    }

    /** The next script, waiting up to {@code nanos} while {@code running}; null if none came. */
    Consumer<FleetLink> next(long nanos, BooleanSupplier running) throws InterruptedException {
        ledger.lock.lock();
        try {
            long left = nanos;
            while (commands.isEmpty() && left > 0 && running.getAsBoolean()) {
                left = work.awaitNanos(left);
            }
            return commands.poll();
        } finally {
            ledger.lock.unlock();
        }
    }

    /** Wakes the link thread (to stop). */
    void wake() {
        ledger.lock.lock();
        try {
            work.signalAll();
        } finally {
            ledger.lock.unlock();
        }
    }
}
