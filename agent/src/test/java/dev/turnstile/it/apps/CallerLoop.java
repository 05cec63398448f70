package dev.turnstile.it.apps;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link CallerMain}'s scenarios for one client, one after another in one long-lived JVM: the
 * integration tests start one per client and JDK instead of one JVM per scenario. Each scenario
 * gets a provider of its own, added over JMX before its first call and removed after its counters
 * are printed, so none sees another's slots, queue, pauses or counters.
 *
 * <p>{@code CallerLoop <client>} reads one scenario per line of standard input, as
 * {@code key=value} fields separated by spaces: {@code tag}, {@code provider}, {@code hosts},
 * {@code limit}, {@code queueTimeoutMillis}, {@code maxHoldMillis} (optional),
 * {@code readTimeoutMillis}, {@code scenario}, {@code url}, {@code second}, {@code n}. It answers
 * with the lines {@code CallerMain} prints (up to {@code DONE failures=N}), then {@code END <tag>}
 * on standard output and on standard error, so that the test knows where each scenario's lines
 * end on both. It exits at the end of its input.
 */
public final class CallerLoop {

    private CallerLoop() {
    }

    public static void main(String[] args) throws Exception {
        String client = args[0];
        if (!new Operator("none").awaitAgent(20_000)) {
            System.out.println("CRASH the agent's MBeans never came");
            System.exit(3);
        }
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = commands.readLine()) != null; ) {
            if (!line.isBlank()) {
                runOne(client, fields(line));
            }
        }
        System.exit(0); // a client's idle threads must not keep the JVM
    }

    private static void runOne(String clientName, Map<String, String> command) {
        String provider = command.get("provider");
        try {
            Operator operator = new Operator(provider);
            operator.addProvider(command.get("hosts"), Integer.parseInt(command.get("limit")));
            operator.setMillis("QueueTimeoutMillis", Long.parseLong(command.get("queueTimeoutMillis")));
            if (command.containsKey("maxHoldMillis")) {
                operator.setMillis("MaxHoldMillis", Long.parseLong(command.get("maxHoldMillis")));
            }
            try (TestClient client = TestClients.create(clientName,
                    Duration.ofMillis(Long.parseLong(command.get("readTimeoutMillis"))))) {
                int failures = run(client, provider, command);
                ProviderCounters.print(provider, 5_000);
                System.out.println("DONE failures=" + failures);
            }
            operator.removeProvider();
        } catch (Throwable t) {
            System.out.println("CRASH " + CallerMain.describe(t));
            t.printStackTrace();
        }
        System.out.println("END " + command.get("tag"));
        System.out.flush();
        System.err.println("END " + command.get("tag"));
        System.err.flush();
    }

    private static int run(TestClient client, String provider, Map<String, String> command) throws Exception {
        String scenario = command.get("scenario");
        String url = command.get("url");
        String second = command.getOrDefault("second", url);
        if (scenario.equals("okhttp-layering")) {
            return OkHttpLayeringScenario.run(url);
        }
        if (UrlConnectionScenarios.knows(scenario)) {
            return UrlConnectionScenarios.run((UrlConnectionTestClient) client, scenario, url, second);
        }
        return CallerMain.run(client, provider, scenario, url, second, Integer.parseInt(command.getOrDefault("n", "8")));
    }

    /** {@code a=1 b=x=y} gives {@code {a: 1, b: x=y}}: a value may hold '=', as a URL's query does. */
    private static Map<String, String> fields(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String field : line.trim().split(" +")) {
            int eq = field.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not key=value: '" + field + "' in " + line);
            }
            fields.put(field.substring(0, eq), field.substring(eq + 1));
        }
        return fields;
    }
}
