package dev.turnstile.it.apps;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last calls each thread made, so that a slot the watchdog took back can be traced to its
 * call: the agent key of a call is its thread ({@code name#id}), and the watchdog names it.
 */
final class SoakHistory {

    private static final int KEPT = 24;

    private final long startNanos = System.nanoTime();
    private final Map<String, Deque<String>> byThread = new ConcurrentHashMap<>();

    long now() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Notes a call that the current thread began at {@code beganMillis} and that has now ended. */
    void ended(String thread, long beganMillis, String call) {
        Deque<String> calls = byThread.computeIfAbsent(thread, t -> new ArrayDeque<>());
        synchronized (calls) {
            if (calls.size() == KEPT) {
                calls.removeFirst();
            }
            calls.addLast("[" + beganMillis + ".." + now() + "ms] " + call);
        }
    }

    /** Prints the recent calls of the thread named in a watchdog message ("... by name#id"). */
    void explain(String reclaimMessage) {
        int by = reclaimMessage.lastIndexOf(" by ");
        String thread = by < 0 ? "" : reclaimMessage.substring(by + 4).replaceAll("#\\d+$", "");
        Deque<String> calls = byThread.get(thread);
        System.out.println("RECLAIMED at " + now() + "ms; recent calls of " + thread + ":");
        if (calls != null) {
            synchronized (calls) {
                calls.forEach(call -> System.out.println("RECLAIMED   " + call));
            }
        }
    }
}
