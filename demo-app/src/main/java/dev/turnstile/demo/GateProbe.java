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

    /**
     * A sentence for the report header. With a {@code -javaagent} on the command line it waits up
     * to two seconds for the MBeans, which an agent may register just after start-up.
     */
    static String describe() {
        try {
            boolean javaAgent = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .anyMatch(arg -> arg.startsWith("-javaagent:"));
            if (!javaAgent) {
                return "no -javaagent: calls go straight to the provider";
            }
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName pattern = new ObjectName("dev.turnstile:type=Provider,*");
            Set<ObjectName> names = server.queryNames(pattern, null);
            for (int i = 0; i < 20 && names.isEmpty(); i++) {
                Thread.sleep(100);
                names = server.queryNames(pattern, null);
            }
            if (names.isEmpty()) {
                return "a -javaagent is attached, but it registered no Turnstile MBeans";
            }
            ObjectName mock = new ObjectName(PROVIDER_BEAN);
            if (server.isRegistered(mock)) {
                return "Turnstile is attached: " + PROVIDER_BEAN + " Limit=" + server.getAttribute(mock, "Limit");
            }
            return "Turnstile is attached, but no provider named 'mock' (providers: " + names + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception | LinkageError e) {
            return "could not read JMX: " + e;
        }
    }
}
