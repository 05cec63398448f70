package dev.turnstile.bench.e2e.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulation's saturating agents, for real: one thread per agent (so the agent's default
 * {@code priority.agent=thread} sees each as an agent), each running turns of calls to the
 * provider at {@code URL} with the JDK {@code HttpClient} until {@code SECONDS} have passed. A
 * call answered 429 is tried again after its Retry-After plus a jitter, until answered; between
 * two calls of a turn the agent pauses for its tool, between two turns it thinks. How long a call
 * takes is the provider's business.
 *
 * <pre>
 * java -cp e2e-apps.jar dev.turnstile.bench.e2e.app.AgentLoad URL AGENTS SECONDS SEED STAGGER_S CALLS_PER_TURN
 *      TOOL_LOW_S TOOL_HIGH_S THINK_LOW_S THINK_HIGH_S JITTER_S
 * </pre>
 *
 * Prints, when the time is up, {@code turns N}, {@code mean_ms X}, {@code p95_ms X} (nearest rank) of
 * the turns that ended in time, and {@code answered N}, {@code rate_limited N} as the agents saw them.
 */
public final class AgentLoad {

    private final URI uri;
    private final long deadlineNanos;
    private final long seed;
    private final double[] args;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final ConcurrentLinkedQueue<Long> turnNanos = new ConcurrentLinkedQueue<>();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();

    private AgentLoad(URI uri, long deadlineNanos, long seed, double[] args) {
        this.uri = uri;
        this.deadlineNanos = deadlineNanos;
        this.seed = seed;
        this.args = args;
    }

    public static void main(String[] argv) throws Exception {
        int agents = Integer.parseInt(argv[1]);
        double seconds = Double.parseDouble(argv[2]);
        double[] numbers = new double[argv.length - 4];
        for (int i = 4; i < argv.length; i++) {
            numbers[i - 4] = Double.parseDouble(argv[i]);
        }
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        AgentLoad load = new AgentLoad(URI.create(argv[0]), deadline, Long.parseLong(argv[3]), numbers);
        for (int id = 0; id < agents; id++) {
            int agent = id;
            Thread thread = new Thread(() -> load.runAgent(agent), "agent-" + id);
            thread.setDaemon(true);
            thread.start();
        }
        TimeUnit.NANOSECONDS.sleep(deadline - System.nanoTime());
        load.report();
        System.exit(0); // calls still in flight are cut off, as the simulated run ends
    }

    private void runAgent(int id) {
        Random random = new Random(seed * 31 + id);
        double stagger = args[0];
        int callsPerTurn = (int) args[1];
        try {
            sleepSeconds(id * stagger);
            while (System.nanoTime() < deadlineNanos) {
                long turnStart = System.nanoTime();
                for (int call = 0; call < callsPerTurn; call++) {
                    if (call > 0) {
                        sleepSeconds(uniform(random, args[2], args[3]));
                    }
                    callUntilAnswered(random);
                }
                long end = System.nanoTime();
                if (end < deadlineNanos) {
                    turnNanos.add(end - turnStart);
                }
                sleepSeconds(uniform(random, args[4], args[5]));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            System.err.println("agent-" + id + " stopped: " + e);
        }
    }

    private void callUntilAnswered(Random random) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Requests.BODY)).build();
        while (true) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 429) {
                answered.incrementAndGet();
                return;
            }
            rateLimited.incrementAndGet();
            long retryAfter = response.headers().firstValueAsLong("retry-after").orElse(1);
            sleepSeconds(retryAfter + args[6] * random.nextDouble());
        }
    }

    private void report() {
        List<Long> turns = new ArrayList<>(turnNanos);
        Collections.sort(turns);
        double mean = turns.stream().mapToLong(Long::longValue).average().orElse(Double.NaN) / 1e6;
        long p95 = turns.isEmpty() ? -1 : turns.get(Math.max(1, (int) Math.ceil(0.95 * turns.size())) - 1) / 1_000_000;
        System.out.println("turns " + turns.size());
        System.out.println("mean_ms " + Math.round(mean));
        System.out.println("p95_ms " + p95);
        System.out.println("answered " + answered.get());
        System.out.println("rate_limited " + rateLimited.get());
    }

    private static double uniform(Random random, double low, double high) {
        return low + (high - low) * random.nextDouble();
    }

    private static void sleepSeconds(double seconds) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep((long) (seconds * 1e9));
    }
}
