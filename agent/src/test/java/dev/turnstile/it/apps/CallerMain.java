package dev.turnstile.it.apps;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A small application that knows nothing of Turnstile: it makes HTTP calls with one client in one
 * scenario and prints what happened, one line per event, for the integration tests to read.
 *
 * <p>{@code CallerMain <client> <scenario> <url> [<second-url> [<n>]]}. Every scenario that
 * checks a release ends with a plain call to {@code second-url}: with a limit of 1 and a short
 * queue timeout, a leaked slot makes that call fail. Scenarios that wait for the agent to see a
 * call in flight or queued read the counters of provider {@code counters.provider} ({@code test}).
 * {@link CallerLoop} runs the same scenarios, many in one JVM.
 */
public final class CallerMain {

    private CallerMain() {
    }

    public static void main(String[] args) throws Exception {
        String clientName = args[0];
        String scenario = args[1];
        String url = args[2];
        String second = args.length > 3 ? args[3] : url;
        int n = args.length > 4 ? Integer.parseInt(args[4]) : 8;
        String provider = System.getProperty("counters.provider", "test");
        try (TestClient client = TestClients.create(clientName, Duration.ofMillis(
                Long.getLong("readTimeoutMillis", 10_000)))) {
            int failures = run(client, provider, scenario, url, second, n);
            ProviderCounters.print(provider, 5_000);
            System.out.println("DONE failures=" + failures);
            System.out.flush();
            System.exit(failures == 0 ? 0 : 1);
        } catch (Throwable t) {
            System.out.println("CRASH " + describe(t));
            t.printStackTrace();
            System.exit(3);
        }
    }

    /** Runs {@code scenario}, whose calls {@code provider} gates; returns how many calls failed. */
    static int run(TestClient client, String provider, String scenario, String url, String second, int n)
            throws Exception {
        switch (scenario) {
            case "parallel":
                return parallel(n, () -> client.call("POST", url));
            case "parallel-get":
                return parallel(n, () -> client.call("GET", url));
            case "parallel-async":
                return parallelAsync(client, url, n);
            case "close-early-then-call":
                print("EARLY", client.callAndCloseEarly(url));
                return then(client, second);
            case "fail-then-call":
                expectFailure("FAIL", () -> client.call("POST", url));
                return then(client, second);
            case "cancel-in-flight-then-call":
                return cancelInFlight(client, provider, url, second);
            case "cancel-queued-then-call":
                return cancelQueued(client, provider, url, second);
            case "interrupt-queued-then-call":
                return interruptQueued(client, provider, url, second);
            case "queue-timeout-then-call":
                return queueTimeout(client, provider, url, second);
            case "hold-body-then-call":
                return holdBody(client, url, second);
            case "drop-body-then-call":
                return dropBody(client, url, second);
            case "sequential":
                int failures = 0;
                for (int i = 0; i < n; i++) {
                    failures += callOnce("CALL " + i, () -> client.call("POST", url));
                }
                return failures;
            default:
                throw new IllegalArgumentException("unknown scenario " + scenario);
        }
    }

    interface Call {
        int call() throws Exception;
    }

    /** {@code n} threads call at once; one line per call with the client's own exception if any. */
    private static int parallel(int n, Call call) throws Exception {
        CyclicBarrier start = new CyclicBarrier(n);
        AtomicInteger failures = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            Thread thread = new Thread(() -> {
                try {
                    start.await(10, TimeUnit.SECONDS);
                    failures.addAndGet(callOnce("CALL " + index, call));
                } catch (Exception e) {
                    failures.incrementAndGet();
                    System.out.println("CALL " + index + " ERROR " + describe(e));
                }
            }, "caller-" + i);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        return failures.get();
    }

    private static int parallelAsync(TestClient client, String url, int n) throws Exception {
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CompletableFuture<Integer> call = client.callAsync(url);
            if (call == null) {
                throw new IllegalStateException("this client has no async API");
            }
            calls.add(call);
        }
        System.out.println("SUBMITTED " + n); // async submission never blocks the caller
        int failures = 0;
        for (int i = 0; i < n; i++) {
            int index = i;
            failures += callOnce("CALL " + i, () -> calls.get(index).get(60, TimeUnit.SECONDS));
        }
        return failures;
    }

    private static int cancelInFlight(TestClient client, String provider, String url, String second) throws Exception {
        CompletableFuture<Integer> call = client.callAsync(url);
        ProviderCounters.await(provider, "InFlight", 1);
        Thread.sleep(300); // the stream has begun
        boolean cancelled = call.cancel(true);
        System.out.println("CANCELLED " + cancelled + (cancelled ? "" : " (already done: " + outcome(call) + ")"));
        return then(client, second);
    }

    private static int cancelQueued(TestClient client, String provider, String url, String second) throws Exception {
        CompletableFuture<Integer> first = client.callAsync(url);  // holds the only slot
        ProviderCounters.await(provider, "InFlight", 1);
        CompletableFuture<Integer> queued = client.callAsync(second);
        ProviderCounters.await(provider, "Queued", 1);
        System.out.println("CANCELLED " + queued.cancel(true));
        int failures = callOnce("FIRST", () -> first.get(30, TimeUnit.SECONDS));
        return failures + then(client, second);
    }

    private static int interruptQueued(TestClient client, String provider, String url, String second) throws Exception {
        Thread holder = new Thread(() -> callOnceQuietly("FIRST", () -> client.call("POST", url)), "holder");
        holder.start();
        ProviderCounters.await(provider, "InFlight", 1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            try {
                print("QUEUED-CALL", client.call("POST", second));
            } catch (Throwable t) {
                failure.set(t);
                System.out.println("INTERRUPTED " + describe(t) + " flag=" + Thread.currentThread().isInterrupted());
            } finally {
                done.countDown();
            }
        }, "waiter");
        waiter.start();
        ProviderCounters.await(provider, "Queued", 1);
        waiter.interrupt();
        if (!done.await(20, TimeUnit.SECONDS)) {
            System.out.println("INTERRUPTED never returned");
            return 1;
        }
        holder.join(30_000);
        int failures = failure.get() == null ? 1 : 0;
        if (failure.get() != null && !(failure.get() instanceof InterruptedException
                || failure.get() instanceof InterruptedIOException)) {
            failures++;
        }
        return failures + then(client, second);
    }

    /**
     * A call waits behind a held slot until its queue timeout; after the holder ends, a call goes
     * through.
     */
    private static int queueTimeout(TestClient client, String provider, String url, String second) throws Exception {
        int failures = callOnce("WARM", () -> client.call("POST", second));
        Thread holder = new Thread(() -> callOnceQuietly("FIRST", () -> client.call("POST", url)), "holder");
        holder.start();
        ProviderCounters.await(provider, "InFlight", 1);
        expectFailure("TIMEOUT", () -> client.call("POST", second));
        holder.join(30_000);
        return failures + then(client, second);
    }

    /** The application keeps a body open, unread, while it calls again; it closes the body only at the end. */
    private static int holdBody(TestClient client, String url, String second) throws Exception {
        AutoCloseable held = client.callAndKeepBodyOpen(url);
        System.out.println("HELD open");
        int failures = then(client, second);
        held.close();
        return failures;
    }

    /**
     * The application drops a body without closing it and calls again; meanwhile something in it
     * collects garbage now and then, as a busy JVM does.
     */
    private static int dropBody(TestClient client, String url, String second) throws Exception {
        openAndDrop(client, url);
        Thread collector = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                System.gc();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "collector");
        collector.setDaemon(true);
        collector.start();
        try {
            return then(client, second);
        } finally {
            collector.interrupt();
        }
    }

    /** Its own frame, so that nothing on the caller's stack still refers to the body. */
    private static void openAndDrop(TestClient client, String url) throws Exception {
        client.callAndKeepBodyOpen(url);
        System.out.println("DROPPED open");
    }

    private static int then(TestClient client, String second) {
        return callOnce("THEN", () -> client.call("POST", second));
    }

    private static void expectFailure(String label, Call call) {
        try {
            int status = call.call();
            System.out.println(label + " unexpected-status " + status);
        } catch (Exception e) {
            System.out.println(label + " " + describe(e));
        }
    }

    private static int callOnce(String label, Call call) {
        try {
            print(label, call.call());
            return 0;
        } catch (Exception e) {
            System.out.println(label + " ERROR " + describe(e));
            return 1;
        }
    }

    private static void callOnceQuietly(String label, Call call) {
        callOnce(label, call);
    }

    private static void print(String label, int status) {
        System.out.println(label + " status=" + status);
    }

    private static String outcome(CompletableFuture<Integer> call) {
        try {
            return "status " + call.getNow(null);
        } catch (Exception e) {
            return describe(e);
        }
    }

    static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root
                && (root instanceof java.util.concurrent.ExecutionException
                || root instanceof java.util.concurrent.CompletionException)) {
            root = root.getCause();
        }
        return root.getClass().getName() + ": " + root.getMessage();
    }
}
