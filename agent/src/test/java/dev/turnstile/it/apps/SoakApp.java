package dev.turnstile.it.apps;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The soak: an application that knows nothing of Turnstile hammers one provider through several
 * clients at once, in rounds. Each round, 500 platform threads make blocking calls while a
 * burst of async calls is fired, so that thousands of calls are in flight or queued behind
 * the limit; every call takes a random kind from {@link SoakCall} (faults included), chosen by a
 * printed seed. A round ends when every one of its calls has ended; a call that never ends is a
 * deadlock or a lost wakeup: the app dumps its threads and exits 2.
 *
 * <p>{@code SoakApp <base-url> <seed> <rounds> <minutes>}: runs a warm-up round, then
 * {@code rounds} rounds, or rounds until {@code minutes} have passed when that is above 0. Prints
 * a {@code ROUND} line per round (with threads and heap after GC), {@code PROGRESS} every 30 s,
 * then {@code SUMMARY}, {@code GROWTH}, the provider's {@code COUNTERS} and
 * {@code DONE failures=N}. Exit 0 only when every call ended as expected, the provider settled,
 * nothing grew and the peak reached {@link #PEAK_GOAL}.
 */
public final class SoakApp {

    static final int THREADS = 500;
    static final int BLOCKING_CALLS_PER_THREAD = 2;
    static final int ASYNC_CALLS_PER_ROUND = 2_000;
    static final long PEAK_GOAL = 2_000;
    /** Long enough for a cold JVM on two busy cores: a healthy call never times out, a stall does. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    /** No call of a round may still be running this long after the round began. */
    static final Duration ROUND_BOUND = Duration.ofSeconds(Long.getLong("soak.roundBoundSeconds", 120));
    static final String[] BLOCKING_CLIENTS = {"jdk", "okhttp", "urlconnection", "apache5"};
    static final String[] ASYNC_CLIENTS = {"jdk", "okhttp", "apache5-async"};
    /** Growth allowed between the baseline (after warm-up) and the last round, both after GC. */
    static final int THREAD_SLACK = 24;
    static final double HEAP_FACTOR = 1.5;
    static final long HEAP_SLACK_BYTES = 32L << 20;

    private final String baseUrl;
    private final long seed;
    private final Map<String, TestClient> clients = new TreeMap<>();
    private final ExecutorService workers;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("soak-timer"));
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    private final Map<Long, String> pending = new ConcurrentHashMap<>();
    private final Map<Long, Long> began = new ConcurrentHashMap<>();
    private final AtomicLong callIds = new AtomicLong();
    private final LongAdder ended = new LongAdder();
    private final SoakWatch watch;
    private final SoakHistory history;
    /** One submitting thread per async client and kind: the watchdog names a leaked call's thread. */
    private final Map<String, ExecutorService> submitters = new TreeMap<>();

    private SoakApp(String baseUrl, long seed, SoakWatch watch, SoakHistory history) throws Exception {
        this.baseUrl = baseUrl;
        this.seed = seed;
        this.watch = watch;
        this.history = history;
        for (String client : ASYNC_CLIENTS) {
            for (SoakCall kind : SoakCall.values()) {
                if (!kind.isBlockingOnly()) {
                    ExecutorService submitter = Executors.newSingleThreadExecutor(daemon("soak-async-" + client + "-" + kind));
                    submitter.submit(() -> null).get(); // started before the baseline
                    submitters.put(client + " " + kind, submitter);
                }
            }
        }
        for (String name : BLOCKING_CLIENTS) {
            clients.put(name, TestClients.create(name, READ_TIMEOUT));
        }
        for (String name : ASYNC_CLIENTS) {
            clients.computeIfAbsent(name, n -> create(n));
        }
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(), daemon("soak-caller"));
        pool.prestartAllCoreThreads(); // all 500 exist before the baseline is taken
        this.workers = pool;
    }

    private static TestClient create(String name) {
        try {
            return TestClients.create(name, READ_TIMEOUT);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        String baseUrl = args[0];
        long seed = Long.parseLong(args[1]);
        int rounds = Integer.parseInt(args[2]);
        long minutes = Long.parseLong(args[3]);
        System.out.println("SOAK seed=" + seed + " threads=" + THREADS + " async/round=" + ASYNC_CALLS_PER_ROUND
                + (minutes > 0 ? " minutes=" + minutes : " rounds=" + rounds));
        int failures;
        SoakHistory history = new SoakHistory();
        try (SoakWatch watch = new SoakWatch(System.getProperty("counters.provider", "test"),
                Integer.getInteger("soak.limit", 8), history::explain)) {
            SoakApp app = new SoakApp(baseUrl, seed, watch, history);
            failures = app.run(rounds, minutes);
        }
        ProviderCounters.print(System.getProperty("counters.provider", "test"), 10_000);
        System.out.println("DONE failures=" + failures);
        System.out.flush();
        System.exit(failures == 0 ? 0 : 1);
    }

    private int run(int rounds, long minutes) throws Exception {
        long start = System.nanoTime();
        Thread progress = progressPrinter(start);
        if (!round(0, THREADS, 1, ASYNC_CALLS_PER_ROUND / 4)) {
            return hung();
        }
        System.out.println("BASELINE " + watch.growthSample());
        long deadline = start + TimeUnit.MINUTES.toNanos(minutes);
        int done = 0;
        while (minutes > 0 ? System.nanoTime() < deadline : done < rounds) {
            done++;
            if (!round(done, THREADS, BLOCKING_CALLS_PER_THREAD, ASYNC_CALLS_PER_ROUND)) {
                return hung();
            }
        }
        progress.interrupt();
        return summary(done, System.nanoTime() - start);
    }

    /**
     * One round: {@code threads} callers make {@code perThread} blocking calls each while
     * {@code async} async calls are fired. False when a call did not end in time.
     */
    private boolean round(int number, int threads, int perThread, int async) throws Exception {
        long roundStart = System.nanoTime();
        long calls = (long) threads * perThread + async;
        long endedBefore = ended.sum();
        CountDownLatch allEnded = new CountDownLatch((int) calls);
        for (int t = 0; t < threads; t++) {
            Random random = new Random(seed * 31 + number * 1_000_003L + t);
            workers.execute(() -> {
                for (int i = 0; i < perThread; i++) {
                    blockingCall(random);
                    allEnded.countDown();
                }
            });
        }
        Random random = new Random(seed * 17 + number);
        for (int i = 0; i < async; i++) {
            asyncCall(random).whenComplete((ignored, error) -> allEnded.countDown());
        }
        long bound = ROUND_BOUND.toNanos() - (System.nanoTime() - roundStart);
        if (!allEnded.await(bound, TimeUnit.NANOSECONDS)) {
            return false;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - roundStart);
        String growth = number == 0 ? "" : " " + watch.growthSample();
        System.out.println("ROUND " + number + " calls=" + (ended.sum() - endedBefore) + " millis=" + millis
                + " peak=" + watch.peak() + " maxInFlight=" + watch.maxInFlight() + growth);
        return true;
    }

    /** One blocking call of a random kind on a random client, on the calling thread. */
    private void blockingCall(Random random) {
        String clientName = BLOCKING_CLIENTS[random.nextInt(BLOCKING_CLIENTS.length)];
        SoakCall kind = SoakCall.pick(random, true);
        if (kind == SoakCall.EARLY_CLOSE && "jdk".equals(clientName)) {
            // The JDK client may hand an early-closed, still streaming connection to the next
            // request, which then hangs, agent or not (see JdkHttpTestClient); read it all instead.
            kind = SoakCall.STREAM;
        }
        TestClient client = clients.get(clientName);
        String url = baseUrl + kind.path(random, "jdk".equals(clientName));
        long id = begin(clientName, kind, url);
        Interrupter interrupter = kind == SoakCall.INTERRUPT ? new Interrupter(random.nextInt(30)) : null;
        Integer status = null;
        Throwable failure = null;
        try {
            status = kind == SoakCall.EARLY_CLOSE ? client.callAndCloseEarly(url) : client.call("POST", url);
        } catch (Throwable t) {
            failure = t;
        } finally {
            if (interrupter != null) {
                interrupter.disarm();
            }
        }
        end(id, clientName, kind, status, failure);
    }

    /**
     * One async call of a random kind on a random client, sent from its submitting thread; the
     * returned future completes when the call has ended.
     */
    private CompletableFuture<?> asyncCall(Random random) {
        String clientName = ASYNC_CLIENTS[random.nextInt(ASYNC_CLIENTS.length)];
        SoakCall kind = SoakCall.pick(random, false);
        String url = baseUrl + kind.path(random, "jdk".equals(clientName));
        long cancelDelay = kind == SoakCall.CANCEL_QUEUED ? random.nextInt(20)
                : kind == SoakCall.CANCEL_LATE ? random.nextInt(3_000) : -1;
        CompletableFuture<Void> ended = new CompletableFuture<>();
        submitters.get(clientName + " " + kind).execute(() -> {
            long id = begin(clientName, kind, url);
            CompletableFuture<Integer> call;
            try {
                call = clients.get(clientName).callAsync(url);
            } catch (Throwable t) {
                end(id, clientName, kind, null, t);
                ended.complete(null);
                return;
            }
            if (cancelDelay >= 0) {
                timers.schedule(() -> call.cancel(true), cancelDelay, TimeUnit.MILLISECONDS);
            }
            call.whenComplete((status, error) -> {
                end(id, clientName, kind, status, error);
                ended.complete(null);
            });
        });
        return ended;
    }

    private long begin(String client, SoakCall kind, String url) {
        long id = callIds.incrementAndGet();
        pending.put(id, client + " " + kind + " " + url + " on " + Thread.currentThread().getName());
        began.put(id, history.now());
        return id;
    }

    /** Counts how the call ended: with {@code status}, or with {@code failure} when not null. */
    private void end(long id, String client, SoakCall kind, Integer status, Throwable failure) {
        String outcome = failure == null ? SoakCall.ofStatus(status) : SoakCall.ofFailure(failure);
        String call = pending.remove(id);
        history.ended(call.substring(call.lastIndexOf(" on ") + 4), began.remove(id),
                call + " -> " + outcome + (failure == null ? "" : " (" + CallerMain.describe(failure) + ")"));
        ended.increment();
        outcomes.computeIfAbsent(client + " " + kind + " " + outcome, k -> new LongAdder()).increment();
        if (!kind.expects(outcome)) {
            unexpected.add(client + " " + kind + " -> " + outcome
                    + (failure == null ? "" : " (" + CallerMain.describe(failure) + ")"));
            if (failure != null && unexpected.size() <= 5) {
                failure.printStackTrace(System.out);
            }
        }
    }

    /**
     * Interrupts the calling thread after a delay unless disarmed first. Disarming waits for an
     * interrupt that is on its way, then clears the flag, so that it never leaks into the next call.
     */
    private final class Interrupter {
        private final Thread caller = Thread.currentThread();
        private final AtomicBoolean armed = new AtomicBoolean(true);
        private final CountDownLatch delivered = new CountDownLatch(1);

        Interrupter(long delayMillis) {
            timers.schedule(() -> {
                if (armed.compareAndSet(true, false)) {
                    caller.interrupt();
                    delivered.countDown();
                }
            }, delayMillis, TimeUnit.MILLISECONDS);
        }

        void disarm() {
            if (!armed.compareAndSet(true, false)) {
                try {
                    delivered.await();
                } catch (InterruptedException e) {
                    // the flag is cleared below either way
                }
            }
            Thread.interrupted();
        }
    }

    private Thread progressPrinter(long start) {
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(30_000);
                    long[] deadlocked = SoakWatch.deadlocked();
                    System.out.println("PROGRESS seconds=" + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)
                            + " ended=" + ended.sum() + " pending=" + pending.size()
                            + " inFlight=" + watch.attribute("InFlight") + " queued=" + watch.attribute("Queued")
                            + " peak=" + watch.peak() + " unexpected=" + unexpected.size()
                            + (deadlocked.length > 0 ? " DEADLOCKED=" + deadlocked.length : ""));
                }
            } catch (InterruptedException e) {
                // the soak is over
            } catch (Exception e) {
                System.out.println("PROGRESS failed: " + e);
            }
        }, "soak-progress");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** A call did not end within the round's bound: say which, dump the threads, exit 2. */
    private int hung() throws Exception {
        System.out.println("HUNG " + pending.size() + " calls did not end within " + ROUND_BOUND
                + "; inFlight=" + watch.attribute("InFlight") + " queued=" + watch.attribute("Queued"));
        pending.values().stream().limit(40).forEach(call -> System.out.println("PENDING " + call));
        SoakWatch.dumpThreads();
        ProviderCounters.print(System.getProperty("counters.provider", "test"), 0);
        System.out.println("DONE failures=hung");
        System.out.flush();
        System.exit(2);
        return 2;
    }

    private int summary(int rounds, long nanos) {
        int failures = 0;
        System.out.println("SUMMARY rounds=" + rounds + " calls=" + ended.sum() + " seconds="
                + TimeUnit.NANOSECONDS.toSeconds(nanos) + " peak=" + watch.peak() + " maxInFlight="
                + watch.maxInFlight() + " limit=" + watch.limit() + " samples=" + watch.samples());
        new TreeMap<>(outcomes).forEach((key, count) -> System.out.println("OUTCOME " + key + " = " + count.sum()));
        synchronized (unexpected) {
            unexpected.stream().limit(40).forEach(line -> System.out.println("UNEXPECTED " + line));
        }
        System.out.println("UNEXPECTED total=" + unexpected.size());
        failures += unexpected.size();
        List<String> reclaims = watch.reclaims();
        System.out.println("RECLAIMED total=" + reclaims.size());
        failures += reclaims.size(); // a slot its call never released
        if (watch.peak() < PEAK_GOAL) {
            System.out.println("FAIL peak " + watch.peak() + " below " + PEAK_GOAL);
            failures++;
        }
        if (watch.maxInFlight() > watch.limit()) {
            System.out.println("FAIL in flight " + watch.maxInFlight() + " above the limit " + watch.limit());
            failures++;
        }
        failures += growth();
        return failures;
    }

    /** Compares the last sample after GC with the baseline; prints both series. */
    private int growth() {
        List<Long> threads = watch.threadSeries();
        List<Long> heap = watch.heapSeries();
        List<Long> heapKiB = new ArrayList<>();
        heap.forEach(bytes -> heapKiB.add(bytes / 1024));
        System.out.println("GROWTH threads=" + threads);
        System.out.println("GROWTH heapKiB=" + heapKiB);
        int failures = 0;
        long threadLimit = threads.get(0) + THREAD_SLACK;
        if (threads.get(threads.size() - 1) > threadLimit) {
            System.out.println("FAIL threads grew from " + threads.get(0) + " to " + threads.get(threads.size() - 1));
            failures++;
        }
        long heapLimit = (long) (heap.get(0) * HEAP_FACTOR) + HEAP_SLACK_BYTES;
        if (heap.get(heap.size() - 1) > heapLimit) {
            System.out.println("FAIL heap after GC grew from " + heap.get(0) / 1024 + " KiB to "
                    + heap.get(heap.size() - 1) / 1024 + " KiB");
            failures++;
        }
        return failures;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong count = new AtomicLong();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
