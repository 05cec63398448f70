package dev.turnstile.demo;

import java.lang.management.ManagementFactory;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Looks, through plain JMX, whether something registered Turnstile MBeans in this JVM. The demo
 * application uses no Turnstile class; this is what any JMX client could see.
 */
final class GateProbe {

    static final String PROVIDER_BEAN = "dev.turnstile:type=Provider,name=mock";

    private GateProbe() {
    }

    /** What the probe found: whether the demo's provider is gated, and a sentence for the report header. */
    record Result(boolean gated, String sentence) {
    }

    /** {@link #probe()}'s sentence. */
    static String describe() {
        return probe().sentence();
    }

    /**
     * Looks for the MBeans. With a {@code -javaagent} on the command line it waits up to two
     * seconds for them, which an agent may register just after start-up.
     */
    static Result probe() {
        try {
            boolean javaAgent = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .anyMatch(arg -> arg.startsWith("-javaagent:"));
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName pattern = new ObjectName("dev.turnstile:type=Provider,*");
            Set<ObjectName> names = server.queryNames(pattern, null);
            for (int i = 0; javaAgent && i < 20 && names.isEmpty(); i++) {
                Thread.sleep(100);
                names = server.queryNames(pattern, null);
            }
            if (names.isEmpty()) {
                return new Result(false, javaAgent ? "a -javaagent is attached, but it registered no Turnstile MBeans"
                        : "no -javaagent: calls go straight to the provider");
            }
            ObjectName mock = new ObjectName(PROVIDER_BEAN);
            if (server.isRegistered(mock)) {
                return new Result(true, "Turnstile is attached: " + PROVIDER_BEAN + " Limit=" + server.getAttribute(mock, "Limit"));
            }
            return new Result(false, "Turnstile is attached, but no provider named 'mock' (providers: " + names + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted");
        } catch (Exception | LinkageError e) {
            return new Result(false, "could not read JMX: " + e);
        }
    }
}
