package dev.turnstile.it.apps;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Gives the metrics something to count, then stays up to be scraped: {@code n} calls at once to
 * {@code chat-url} (more than the limit, so some wait), one call to {@code rate-limit-url} that
 * is answered 429, one more that waits out the pause; prints {@code CALLS-DONE} and the statuses,
 * then waits for a line on standard input before it exits.
 *
 * <p>{@code MetricsApp <chat-url> <rate-limit-url> <n>}
 */
public final class MetricsApp {

    private MetricsApp() {
    }

    public static void main(String[] args) throws Exception {
        String chat = args[0];
        String rateLimit = args[1];
        int n = Integer.parseInt(args[2]);
        List<Integer> statuses = new ArrayList<>();
        try (TestClient client = TestClients.create("jdk", Duration.ofSeconds(10))) {
            ExecutorService pool = Executors.newFixedThreadPool(n);
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                calls.add(pool.submit(() -> client.call("POST", chat)));
            }
            for (Future<Integer> call : calls) {
                statuses.add(call.get());
            }
            pool.shutdown();
            statuses.add(client.call("POST", rateLimit));
            statuses.add(client.call("POST", rateLimit));
        }
        System.out.println("CALLS-DONE statuses=" + statuses);
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
}
