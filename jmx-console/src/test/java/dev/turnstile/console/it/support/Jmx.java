package dev.turnstile.console.it.support;

import javax.management.Attribute;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The tests' own JMX view of a target, to check what the console changed. Open types only. */
public final class Jmx implements AutoCloseable {

    public static final ObjectName TURNSTILE = name("dev.turnstile:type=Turnstile");

    private final JMXConnector connector;
    private final MBeanServerConnection mbeans;

    private Jmx(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.mbeans = connector.getMBeanServerConnection();
    }

    /** Connects, retrying while the target starts. */
    public static Jmx connect(TargetJvm target, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JMXServiceURL url = new JMXServiceURL(target.serviceUrl());
        while (true) {
            try {
                return new Jmx(JMXConnectorFactory.connect(url));
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !target.alive()) {
                    throw new AssertionError("no JMX at " + url + ":\n" + String.join("\n", target.output()), notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    public static ObjectName provider(String id) {
        return name("dev.turnstile:type=Provider,name=" + id);
    }

    public Object get(ObjectName name, String attribute) throws Exception {
        return mbeans.getAttribute(name, attribute);
    }

    public int limit(String provider) throws Exception {
        return (Integer) get(provider(provider), "Limit");
    }

    public void set(ObjectName name, String attribute, Object value) throws Exception {
        mbeans.setAttribute(name, new Attribute(attribute, value));
    }

    public boolean registered(ObjectName name) throws IOException {
        return mbeans.isRegistered(name);
    }

    public List<String> providerIds() throws Exception {
        return Arrays.asList((String[]) get(TURNSTILE, "ProviderIds"));
    }

    /** What a change could touch: each provider's settings and pause, the global ones, the provider list. */
    public Map<String, Object> settings() throws Exception {
        Map<String, Object> settings = new TreeMap<>();
        settings.put("Enabled", get(TURNSTILE, "Enabled"));
        settings.put("GlobalLimit", get(TURNSTILE, "GlobalLimit"));
        settings.put("ProviderIds", providerIds());
        for (String id : providerIds()) {
            for (String attribute : List.of("Limit", "Hosts", "MaxHoldMillis", "QueueTimeoutMillis", "Paused",
                    "Rpm", "Tpm", "BreakerFailures")) {
                settings.put(id + "/" + attribute, get(provider(id), attribute));
            }
        }
        return settings;
    }

    public void invoke(ObjectName name, String operation, Object[] arguments, String[] signature) throws Exception {
        mbeans.invoke(name, operation, arguments, signature);
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }

    private static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
