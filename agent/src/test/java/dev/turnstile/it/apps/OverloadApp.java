package dev.turnstile.it.apps;

import javax.management.MBeanServer;
import javax.management.Notification;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An application that knows nothing of Turnstile, calling a provider that is overloaded for a
 * while ({@code OverloadBreakerIT}). {@code <client> <blocking|async> <url> <sequential> <queued>}:
 * {@code sequential} calls one after another (they meet the 503s that open the breaker), then
 * {@code queued} calls at once, each on a thread of its own (blocking) or through the client's
 * async API. Prints each call's status, each breaker notification as {@code BREAKER <state> <reason>},
 * the pauses, the breaker's attributes at the end, the provider's {@code COUNTERS}, the gate's
 * {@code GLOBAL} counts and {@code DONE failures=N} (a call that ended in an exception or not in time).
 */
public final class OverloadApp {

    private static final String PROVIDER = "test";
    private static final long CALL_TIMEOUT_MILLIS = 60_000;

    private OverloadApp() {
    }

    public static void main(String[] args) throws Exception {
        try {
            int failures = run(args[0], args[1].equals("async"), args[2], Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]));
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

    private static int run(String clientName, boolean async, String url, int sequential, int queued) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName provider = new ObjectName("dev.turnstile:type=Provider,name=" + PROVIDER);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!server.isRegistered(provider) && System.nanoTime() < deadline) {
            Thread.sleep(10); // the agent registers its MBeans a moment after it started
        }
        server.addNotificationListener(provider, (Notification n, Object handback) -> {
            if ("dev.turnstile.breaker".equals(n.getType())) {
                Map<?, ?> data = (Map<?, ?>) n.getUserData();
                System.out.println("BREAKER " + data.get("state") + " " + data.get("reason"));
            }
        }, null, null);
        Operator operator = new Operator(PROVIDER);
        operator.watchPauses();
        int failures = 0;
        try (TestClient client = TestClients.create(clientName, Duration.ofMillis(CALL_TIMEOUT_MILLIS))) {
            for (int i = 0; i < sequential; i++) {
                failures += report("SEQUENTIAL " + i, call(client, async, url));
            }
            System.out.println("STATE " + server.getAttribute(provider, "BreakerState"));
            List<CompletableFuture<String>> calls = new ArrayList<>();
            for (int i = 0; i < queued; i++) {
                calls.add(call(client, async, url));
            }
            for (int i = 0; i < calls.size(); i++) {
                failures += report("QUEUED " + i, calls.get(i));
            }
        }
        for (String attribute : List.of("BreakerState", "BreakerOpened", "ConsecutiveFailures")) {
            System.out.println("ATTRIBUTE " + attribute + "=" + server.getAttribute(provider, attribute));
        }
        return failures;
    }

    private static CompletableFuture<String> call(TestClient client, boolean async, String url) {
        if (async) {
            return client.callAsync(url).thenApply(status -> "status=" + status);
        }
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete("status=" + client.call("POST", url));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    /** Prints {@code <label> <outcome>}; returns 1 when the call failed or did not end in time. */
    private static int report(String label, CompletableFuture<String> call) {
        try {
            System.out.println(label + " " + call.get(CALL_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
            return 0;
        } catch (Exception e) {
            System.out.println(label + " ERROR " + CallerMain.describe(e));
            return 1;
        }
    }
}
