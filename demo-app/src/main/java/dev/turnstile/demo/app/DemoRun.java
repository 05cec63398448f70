package dev.turnstile.demo.app;

import dev.turnstile.demo.client.ChatClient;
import dev.turnstile.demo.client.ChatClients;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Runs a workload once: one thread per agent, a progress callback at a fixed period, and the turn
 * records at the end, sorted by agent and turn.
 */
public final class DemoRun {

    private final Workload workload;
    private final IntSupplier providerServing;
    private final Map<String, ChatClient> clients = new LinkedHashMap<>();

    /**
     * @param providerServing what the provider is serving now, or {@code -1} when that is unknown
     */
    public DemoRun(Workload workload, String baseUrl, String apiKey, IntSupplier providerServing) {
        this.workload = workload;
        this.providerServing = providerServing;
        // built before the clock starts: loading a client stack (and its instrumentation) is no part of a turn
        for (String stack : workload.stacks()) {
            clients.put(stack, ChatClients.create(stack, baseUrl, apiKey));
        }
    }

    /** Runs all agents to the end of their turns, or until {@code timeout}; then stops the rest. */
    public List<TurnRecord> run(Duration progressPeriod, Consumer<Progress> progress, Duration timeout)
            throws InterruptedException {
        LiveCounters counters = new LiveCounters();
        List<TurnRecord> records = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int agent = 0; agent < workload.agents(); agent++) {
            AgentWorker worker = new AgentWorker(agent, clients.get(workload.stackOf(agent)), workload, start,
                    counters, records::add);
            Thread thread = new Thread(worker, String.format("agent-%02d", agent));
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        long deadline = start + timeout.toNanos();
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                thread.join(Math.max(1, Math.min(progressPeriod.toMillis(), TimeUnit.NANOSECONDS.toMillis(left))));
                progress.accept(snapshot(start, counters));
            }
        }
        threads.forEach(Thread::interrupt);
        progress.accept(snapshot(start, counters));
        List<TurnRecord> sorted;
        synchronized (records) {
            sorted = new ArrayList<>(records);
        }
        sorted.sort(Comparator.comparingInt(TurnRecord::agent).thenComparingInt(TurnRecord::turn));
        return sorted;
    }

    private Progress snapshot(long start, LiveCounters counters) {
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        return Progress.of(elapsed, counters, workload.totalTurns(), providerServing.getAsInt());
    }
}
