package dev.turnstile.it.apps;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * {@code BudgetApp <url> <calls> <held>}: after an ungated warm-up GET, starts {@code calls} JDK client calls at once, each on
 * its own thread and with no timeout shorter than the test's, and prints when each got its answer.
 * Once {@code held} of them wait in the agent's queue it prints the provider's {@code BudgetHold},
 * then waits for every call however long the budget holds them.
 */
public final class BudgetApp {

    private static final String PROVIDER = "test";

    private BudgetApp() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int calls = Integer.parseInt(args[1]);
        int held = Integer.parseInt(args[2]);
        HttpClient client = HttpClient.newHttpClient();
        // A GET is not gated (methods: POST): it loads the client's classes and opens a connection, so
        // that the gated calls reach the server as soon as the agent lets them go.
        client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.discarding());
        AtomicInteger failures = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            int index = i;
            Thread thread = new Thread(() -> {
                try {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(3))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"" + "x".repeat(400) + "\"}"))
                            .build();
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    System.out.println("CALL " + index + " status=" + response.statusCode());
                } catch (Exception e) {
                    failures.incrementAndGet();
                    System.out.println("CALL " + index + " ERROR " + e);
                }
            }, "caller-" + i);
            threads.add(thread);
            thread.start();
        }
        ProviderCounters.await(PROVIDER, "Queued", held);
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("dev.turnstile:type=Provider,name=" + PROVIDER);
        System.out.println("QUEUED " + server.getAttribute(name, "Queued"));
        System.out.println("HOLD " + server.getAttribute(name, "BudgetHold"));
        for (Thread thread : threads) {
            thread.join();
        }
        ProviderCounters.print(PROVIDER, 5_000);
        System.out.println("DONE failures=" + failures.get());
        System.out.flush();
        System.exit(failures.get() == 0 ? 0 : 1);
    }
}
