package dev.turnstile.it.apps;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An application that knows nothing of Turnstile, for the faults that come at runtime from the
 * provider or from an operator rather than from one client. It prints one line per event for
 * {@code RuntimeFaultsIT} to read, and ends with the provider's {@code COUNTERS}, the gate's
 * {@code GLOBAL} counts and {@code DONE failures=N} (a failure: a call that ended in an
 * exception or did not end in time).
 *
 * <ul>
 *   <li>{@code storm <client> <blocking|async> <n> <label>=<url>...}: per url, n calls at once,
 *       each retried at once on a 429, as an SDK without a backoff of its own would; prints the
 *       pauses and how many 429s the provider counted;</li>
 *   <li>{@code garbage <client> <blocking|async> <label>=<url>...}: per url, three calls at once
 *       whose first answer is a 429 with a strange hint; prints the pause it caused, and resumes
 *       a pause longer than an operator would wait for;</li>
 *   <li>{@code change <client> <blocking|async> <limit-1|limit-10000|disable|remove> <url> <n>}:
 *       one call holds the only slot, n more queue behind it, then the operator makes the change;</li>
 *   <li>{@code attach <held-url> <new-url>}: started without the agent, seven calls in flight
 *       (JDK send and sendAsync, OkHttp enqueue, HttpURLConnection, Apache 5 classic, Vert.x) when
 *       it prints {@code READY}; after a line on standard input (the agent is attached by then)
 *       twelve more, on the same clients (OkHttp's built before the attach: execute and enqueue;
 *       Vert.x's: two requests), plus two enqueued on an OkHttp client built after it.</li>
 * </ul>
 */
public final class RuntimeFaultsApp {

    private static final String PROVIDER = "test";
    private static final long CALL_TIMEOUT_MILLIS = 60_000;
    /** An SDK gives up after this many attempts; more than any storm of the tests sends 429s. */
    private static final int MAX_ATTEMPTS = 8;
    /** A pause longer than this is ended by the operator. */
    private static final long OPERATOR_PATIENCE_MILLIS = 600_000;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private RuntimeFaultsApp() {
    }

    public static void main(String[] args) throws Exception {
        try {
            int failures = run(args);
            ProviderCounters.print(PROVIDER, 5_000);
            new Operator(PROVIDER).printGlobal(5_000);
            System.out.println("DONE failures=" + failures);
            System.out.flush();
            System.exit(failures == 0 ? 0 : 1);
        } catch (Throwable t) {
            System.out.println("CRASH " + CallerMain.describe(t));
            t.printStackTrace();
            System.exit(3);
        }
    }

    private static int run(String[] args) throws Exception {
        if (args[0].equals("attach")) {
            return attach(args[1], args[2]);
        }
        boolean async = args[2].equals("async");
        try (TestClient client = TestClients.create(args[1], Duration.ofMillis(CALL_TIMEOUT_MILLIS))) {
            Operator operator = new Operator(PROVIDER);
            switch (args[0]) {
                case "storm":
                    return storm(client, async, operator, Integer.parseInt(args[3]),
                            List.of(args).subList(4, args.length));
                case "garbage":
                    return garbage(client, async, operator, List.of(args).subList(3, args.length));
                case "change":
                    return change(client, async, operator, args[3], args[4], Integer.parseInt(args[5]));
                default:
                    throw new IllegalArgumentException("unknown scenario " + args[0]);
            }
        }
    }

    private static int storm(TestClient client, boolean async, Operator operator, int n, List<String> storms)
            throws Exception {
        return phases(operator, storms, (label, url) -> {
            long rateLimitedBefore = operator.read("RateLimited");
            List<CompletableFuture<String>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                calls.add(async ? retryingAsync(client, url, 1) : retryingOnThread(client, url));
            }
            int failures = report(label, calls);
            System.out.println("RATELIMITED " + label + " " + (operator.read("RateLimited") - rateLimitedBefore));
            return failures;
        });
    }

    private static int garbage(TestClient client, boolean async, Operator operator, List<String> cases)
            throws Exception {
        return phases(operator, cases, (label, url) -> {
            List<CompletableFuture<String>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(start(client, async, url)); // limit 1: one meets the 429, two queue behind it
            }
            long pause = operator.nextPause(10_000);
            if (pause < 0) {
                System.out.println("NO-PAUSE " + label);
            } else if (pause > OPERATOR_PATIENCE_MILLIS) {
                System.out.println("RESUMED " + label + " by the operator");
                operator.resume();
            }
            return report(label, calls);
        });
    }

    interface Phase {
        int run(String label, String url) throws Exception;
    }

    /** Runs {@code phase} for each {@code <label>=<url>}, one after the other; returns the failures of all. */
    private static int phases(Operator operator, List<String> labelledUrls, Phase phase) throws Exception {
        operator.watchPauses();
        int failures = 0;
        for (String labelled : labelledUrls) {
            String label = labelled.substring(0, labelled.indexOf('='));
            operator.phase(label);
            failures += phase.run(label, labelled.substring(label.length() + 1));
        }
        return failures;
    }

    private static int change(TestClient client, boolean async, Operator operator, String change, String url, int n)
            throws Exception {
        CompletableFuture<String> holder = start(client, async, url);
        if (!operator.await("InFlight", 1, 30_000)) {
            System.out.println("HOLDER never got its slot");
            return 1;
        }
        List<CompletableFuture<String>> queued = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            queued.add(start(client, async, url));
        }
        if (!operator.await("Queued", n, 30_000)) {
            System.out.println("QUEUED only " + operator.read("Queued") + " of " + n);
            return 1;
        }
        switch (change) {
            case "limit-1":
                operator.setLimit(1);
                break;
            case "limit-10000":
                operator.setLimit(10_000);
                break;
            case "disable":
                operator.setEnabled(false);
                break;
            case "remove":
                operator.removeProvider();
                break;
            default:
                throw new IllegalArgumentException("unknown change " + change);
        }
        String queuedNow = operator.providerExists() ? String.valueOf(operator.read("Queued")) : "gone";
        System.out.println("CHANGED " + change + " queued=" + queuedNow);
        return report("HOLDER", List.of(holder)) + report("QUEUED", queued);
    }

    private static int attach(String heldUrl, String newUrl) throws Exception {
        Duration timeout = Duration.ofMillis(CALL_TIMEOUT_MILLIS);
        try (TestClient jdk = TestClients.create("jdk", timeout);
             TestClient earlyOkHttp = TestClients.create("okhttp", timeout);
             TestClient urlConnection = TestClients.create("urlconnection", timeout);
             TestClient apache = TestClients.create("apache5", timeout);
             TestClient vertx = TestClients.create("vertx", timeout)) {
            List<CompletableFuture<String>> inFlight = List.of(start(jdk, false, heldUrl), start(jdk, false, heldUrl),
                    start(jdk, true, heldUrl), start(earlyOkHttp, true, heldUrl),
                    start(urlConnection, false, heldUrl), start(apache, false, heldUrl), start(vertx, true, heldUrl));
            System.out.println("READY");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in)).readLine();
            try (TestClient lateOkHttp = TestClients.create("okhttp", timeout)) {
                List<CompletableFuture<String>> later = List.of(start(jdk, false, newUrl), start(jdk, false, newUrl),
                        start(jdk, true, newUrl), start(jdk, true, newUrl),
                        start(earlyOkHttp, false, newUrl), start(earlyOkHttp, true, newUrl),
                        start(lateOkHttp, true, newUrl), start(lateOkHttp, true, newUrl),
                        start(urlConnection, false, newUrl), start(apache, false, newUrl),
                        start(vertx, true, newUrl), start(vertx, true, newUrl));
                return report("NEW", later) + report("HELD", inFlight);
            }
        }
    }

    /** One POST, read to the end: on a thread of its own when blocking, the client's async API otherwise. */
    private static CompletableFuture<String> start(TestClient client, boolean async, String url) {
        if (async) {
            return client.callAsync(url).thenApply(status -> "status=" + status);
        }
        return onThread(() -> "status=" + client.call("POST", url));
    }

    private static CompletableFuture<String> retryingOnThread(TestClient client, String url) {
        return onThread(() -> {
            int attempts = 0;
            int status;
            do {
                status = client.call("POST", url);
                attempts++;
            } while (status == 429 && attempts < MAX_ATTEMPTS);
            return "status=" + status + " attempts=" + attempts;
        });
    }

    private static CompletableFuture<String> retryingAsync(TestClient client, String url, int attempt) {
        return client.callAsync(url).thenCompose(status -> status == 429 && attempt < MAX_ATTEMPTS
                ? retryingAsync(client, url, attempt + 1)
                : CompletableFuture.completedFuture("status=" + status + " attempts=" + attempt));
    }

    interface Work {
        String run() throws Exception;
    }

    /** Each caller thread is an agent of its own (Turnstile's default identity). */
    private static CompletableFuture<String> onThread(Work work) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.run());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "caller-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    /** Prints {@code <label> <i> <outcome>} per call, in order; returns how many failed or never ended. */
    private static int report(String label, List<CompletableFuture<String>> calls) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CALL_TIMEOUT_MILLIS);
        int failures = 0;
        for (int i = 0; i < calls.size(); i++) {
            try {
                long left = Math.max(1, deadline - System.nanoTime());
                System.out.println(label + " " + i + " " + calls.get(i).get(left, TimeUnit.NANOSECONDS));
            } catch (Exception e) {
                failures++;
                System.out.println(label + " " + i + " ERROR " + CallerMain.describe(e));
            }
        }
        return failures;
    }
}
