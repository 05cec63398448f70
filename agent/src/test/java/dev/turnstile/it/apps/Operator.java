package dev.turnstile.it.apps;

import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What an operator does to Turnstile from a JMX console, done from inside the application over
 * the platform MBeanServer (the application sees no Turnstile class): read a provider's
 * attributes, wait for one to reach a value, change limits, disable, remove, resume, and watch
 * the pause notifications. Every wait is bounded.
 */
final class Operator {

    private static final ObjectName TURNSTILE = name("dev.turnstile:type=Turnstile");

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final String provider;
    private final ObjectName providerName;
    private final BlockingQueue<String> pauses = new LinkedBlockingQueue<>();
    private volatile String phase = "-";

    Operator(String provider) {
        this.provider = provider;
        this.providerName = name("dev.turnstile:type=Provider,name=" + provider);
    }

    long read(String attribute) throws Exception {
        return ((Number) server.getAttribute(providerName, attribute)).longValue();
    }

    /** Waits until the provider's {@code attribute} equals {@code value}; false after {@code timeoutMillis}. */
    boolean await(String attribute, long value, long timeoutMillis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (read(attribute) != value) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    void setLimit(int limit) throws Exception {
        server.setAttribute(providerName, new Attribute("Limit", limit));
    }

    void setEnabled(boolean enabled) throws Exception {
        server.setAttribute(TURNSTILE, new Attribute("Enabled", enabled));
    }

    /** Adds this provider, gating {@code hosts} (a comma list of {@code host:port}) with {@code limit}. */
    void addProvider(String hosts, int limit) throws Exception {
        server.invoke(TURNSTILE, "addProvider", new Object[] {provider, hosts, limit},
                new String[] {String.class.getName(), String.class.getName(), int.class.getName()});
    }

    /** Sets one of the provider's {@code ...Millis} attributes, {@code QueueTimeoutMillis} say. */
    void setMillis(String attribute, long millis) throws Exception {
        server.setAttribute(providerName, new Attribute(attribute, millis));
    }

    /** Waits (at most {@code timeoutMillis}) for the agent's MBeans, registered a moment after it started; false if none came. */
    boolean awaitAgent(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!server.isRegistered(TURNSTILE)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    void removeProvider() throws Exception {
        server.invoke(TURNSTILE, "removeProvider", new Object[] {provider}, new String[] {String.class.getName()});
    }

    boolean providerExists() {
        return server.isRegistered(providerName);
    }

    void resume() throws Exception {
        server.invoke(providerName, "resume", new Object[0], new String[0]);
    }

    /**
     * From now on, prints each pause of the provider as {@code PAUSED <phase> millis=M reason=R}
     * and keeps its length for {@link #nextPause}.
     */
    void watchPauses() throws Exception {
        NotificationListener listener = (Notification notification, Object handback) -> {
            if ("dev.turnstile.paused".equals(notification.getType())) {
                Map<?, ?> data = (Map<?, ?>) notification.getUserData();
                System.out.println("PAUSED " + phase + " millis=" + data.get("millis")
                        + " reason=" + data.get("reason"));
                pauses.add(String.valueOf(data.get("millis")));
            }
        };
        server.addNotificationListener(providerName, listener, null, null);
    }

    /** Names what the application does now, in the {@code PAUSED} lines. */
    void phase(String name) {
        phase = name;
        pauses.clear();
    }

    /** The length of the next pause announced, in millis; -1 if none came within {@code timeoutMillis}. */
    long nextPause(long timeoutMillis) throws InterruptedException {
        String millis = pauses.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        return millis == null ? -1 : Long.parseLong(millis);
    }

    /**
     * Prints {@code GLOBAL InFlight=I Queued=Q} of the whole gate once both are 0, or as they are
     * after {@code waitMillis}: the one view left of a provider that was removed.
     */
    void printGlobal(long waitMillis) throws Exception {
        if (!server.isRegistered(TURNSTILE)) {
            System.out.println("GLOBAL none");
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        long inFlight;
        long queued;
        do {
            inFlight = ((Number) server.getAttribute(TURNSTILE, "GlobalInFlight")).longValue();
            queued = ((Number) server.getAttribute(TURNSTILE, "GlobalQueued")).longValue();
            if (inFlight == 0 && queued == 0) {
                break;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        System.out.println("GLOBAL InFlight=" + inFlight + " Queued=" + queued);
    }

    private static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
