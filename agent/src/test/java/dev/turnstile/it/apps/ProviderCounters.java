package dev.turnstile.it.apps;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

/**
 * Reads a provider's counters the way any JMX client would (the application sees no Turnstile
 * class) and prints them as one {@code COUNTERS} line for the tests to check: after every
 * scenario nothing may stay in flight or queued, and every started call must have ended once.
 */
public final class ProviderCounters {

    private static final String[] ATTRIBUTES = {"InFlight", "Queued", "Started", "Completed", "Failed", "Reclaimed",
            "Abandoned"};

    private ProviderCounters() {
    }

    /**
     * Prints the counters of provider {@code id} once they have settled (releases of async
     * calls may land a moment after the application saw its answer), or as they are after
     * {@code waitMillis}. Prints {@code COUNTERS none} when the agent is not there.
     */
    public static void print(String id, long waitMillis) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("dev.turnstile:type=Provider,name=" + id);
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        // The agent registers its MBeans off its start-up thread: a short scenario can end first.
        while (!server.isRegistered(name) && agentOnCommandLine() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (!server.isRegistered(name)) {
            System.out.println("COUNTERS none");
            return;
        }
        long[] values = read(server, name);
        while (!settled(values) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            values = read(server, name);
        }
        StringBuilder line = new StringBuilder("COUNTERS");
        for (int i = 0; i < ATTRIBUTES.length; i++) {
            line.append(' ').append(ATTRIBUTES[i]).append('=').append(values[i]);
        }
        System.out.println(line);
    }

    /**
     * Waits (at most 20 s) until provider {@code id} shows {@code value} for {@code attribute}:
     * a scenario's next step then starts from a known state (the holder has its slot, the waiter
     * is queued), however slowly a busy machine runs the client. Returns at once when the agent
     * is not there.
     */
    public static void await(String id, String attribute, long value) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("dev.turnstile:type=Provider,name=" + id);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (agentOnCommandLine() && System.nanoTime() < deadline) {
            if (server.isRegistered(name) && ((Number) server.getAttribute(name, attribute)).longValue() == value) {
                return;
            }
            Thread.sleep(10);
        }
    }

    private static boolean agentOnCommandLine() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(argument -> argument.startsWith("-javaagent:") && argument.contains("turnstile"));
    }

    private static long[] read(MBeanServer server, ObjectName name) throws Exception {
        long[] values = new long[ATTRIBUTES.length];
        for (int i = 0; i < ATTRIBUTES.length; i++) {
            values[i] = ((Number) server.getAttribute(name, ATTRIBUTES[i])).longValue();
        }
        return values;
    }

    private static boolean settled(long[] v) {
        return v[0] == 0 && v[1] == 0 && v[2] == v[3] + v[4] + v[5];
    }
}
