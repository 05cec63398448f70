package dev.turnstile.bench.e2e.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * One replica of the fleet benchmark ({@code dev.turnstile.bench.fleet.FleetBench}), run with the
 * agent and {@code turnstile.redis.url}: it waits until the {@code dev.turnstile:type=Fleet}
 * MBean says {@code SHARED}, warms up (threads of its own make calls, so that the first call of a
 * measured agent does not pay for loading the client and the agent's call path: a cold JVM would
 * start all its agents' turns at once, whatever their planned start), prints {@code READY}, prints {@code STATE <to> <epoch ms>} at each of
 * the MBean's notifications, and obeys lines on standard input:
 *
 * <ul>
 *   <li>{@code turns AGENTS CALLS CALL_MS TOOL_MS FIRST_MS STRIDE_MS}: a burst of agents, one thread
 *       each (so {@code priority.agent=thread} sees each as an agent), agent {@code i} starting
 *       {@code FIRST_MS + i × STRIDE_MS} after the line arrived; each runs one turn of {@code CALLS}
 *       calls of {@code CALL_MS} at the provider, pausing {@code TOOL_MS} between two calls.
 *       Prints {@code TURN <ms>} per agent, then {@code TURNS-DONE}.</li>
 *   <li>{@code hold N}: N calls to {@code /hold}, which the provider answers only when told.</li>
 *   <li>{@code call}: one call of 0 ms; prints {@code CALLED <status>}.</li>
 *   <li>{@code fleet}: prints {@code FLEET <attribute>=<value> …} of the Fleet MBean.</li>
 * </ul>
 * It ends when standard input closes.
 */
public final class FleetMember {

    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private FleetMember() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        ObjectName fleet = new ObjectName("dev.turnstile:type=Fleet");
        awaitShared(fleet);
        warmUp(base);
        SERVER.addNotificationListener(fleet, (notification, handback) -> {
            Object to = notification.getUserData() instanceof Map ? ((Map<?, ?>) notification.getUserData()).get("to") : "?";
            System.out.println("STATE " + to + " " + notification.getTimeStamp());
        }, null, null);
        System.out.println("READY");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] words = line.trim().split(" ");
            switch (words[0]) {
                case "turns":
                    long[] n = new long[words.length - 1];
                    for (int i = 1; i < words.length; i++) {
                        n[i - 1] = Long.parseLong(words[i]);
                    }
                    burst(base, n);
                    break;
                case "hold":
                    for (int i = 0; i < Integer.parseInt(words[1]); i++) {
                        start(() -> call(base + "/hold"));
                    }
                    break;
                case "call":
                    start(() -> System.out.println("CALLED " + call(base + "/call?ms=0")));
                    break;
                case "fleet":
                    System.out.println("FLEET Backend=" + SERVER.getAttribute(fleet, "Backend")
                            + " FailOvers=" + SERVER.getAttribute(fleet, "FailOvers")
                            + " Rejoins=" + SERVER.getAttribute(fleet, "Rejoins")
                            + " LeasesReclaimed=" + SERVER.getAttribute(fleet, "LeasesReclaimed"));
                    break;
                default:
                    System.out.println("UNKNOWN " + line);
            }
        }
    }

    /** 8 threads (agents of their own, whose turns end here) of 25 calls of 1 ms each. */
    private static void warmUp(String base) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            threads.add(start(() -> {
                for (int call = 0; call < 25; call++) {
                    call(base + "/call?ms=1");
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /** AGENTS CALLS CALL_MS TOOL_MS FIRST_MS STRIDE_MS; the turns run off the reading thread. */
    private static void burst(String base, long[] n) {
        long begin = System.nanoTime();
        List<Thread> agents = new ArrayList<>();
        for (int i = 0; i < n[0]; i++) {
            long startAt = begin + TimeUnit.MILLISECONDS.toNanos(n[4] + i * n[5]);
            agents.add(start(() -> {
                sleepNanos(startAt - System.nanoTime());
                long turnStart = System.nanoTime();
                for (int call = 0; call < n[1]; call++) {
                    if (call > 0) {
                        sleepNanos(TimeUnit.MILLISECONDS.toNanos(n[3]));
                    }
                    call(base + "/call?ms=" + n[2]);
                }
                System.out.println("TURN " + (System.nanoTime() - turnStart) / 1_000_000);
            }));
        }
        start(() -> {
            for (Thread agent : agents) {
                try {
                    agent.join();
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.out.println("TURNS-DONE");
        });
    }

    private static int call(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Requests.BODY)).build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (Exception e) {
            System.out.println("CALL-FAILED " + e);
            return -1;
        }
    }

    private static Thread start(Runnable body) {
        Thread thread = new Thread(body);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(Math.max(0, nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitShared(ObjectName fleet) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!SERVER.isRegistered(fleet) || !"SHARED".equals(String.valueOf(SERVER.getAttribute(fleet, "Backend")))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Fleet MBean never said SHARED");
            }
            Thread.sleep(20);
        }
    }
}
