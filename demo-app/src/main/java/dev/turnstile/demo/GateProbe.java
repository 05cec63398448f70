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

    /** A sentence for the report header. */
    static String describe() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            Set<ObjectName> names = server.queryNames(new ObjectName("dev.turnstile:type=Provider,*"), null);
            if (names.isEmpty()) {
                return "no Turnstile MBeans in this JVM: calls go straight to the provider";
            }
            ObjectName mock = new ObjectName(PROVIDER_BEAN);
            if (server.isRegistered(mock)) {
                return "Turnstile is attached: " + PROVIDER_BEAN + " Limit=" + server.getAttribute(mock, "Limit");
            }
            return "Turnstile is attached, but no provider named 'mock' (providers: " + names + ")";
        } catch (Exception | LinkageError e) {
            return "could not read JMX: " + e;
        }
    }
}
