package dev.turnstile.jmx;

import dev.turnstile.control.RuntimeControl;
import dev.turnstile.core.SchedulerListener;
import dev.turnstile.log.FailOpen;

import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes Turnstile on an MBeanServer: {@code dev.turnstile:type=Turnstile} and one
 * {@code dev.turnstile:type=Provider,name=<id>} per provider, registered and unregistered as
 * providers come and go, and turns scheduler events into JMX notifications whose user data is a
 * map of plain JDK values.
 */
public final class JmxExporter implements SchedulerListener {

    public static final String PAUSED = "dev.turnstile.paused";
    public static final String RESUMED = "dev.turnstile.resumed";
    public static final String RECLAIMED = "dev.turnstile.reclaimed";
    public static final String LIMIT_CHANGED = "dev.turnstile.limit-changed";
    public static final String BREAKER = "dev.turnstile.breaker";
    public static final String PROVIDER_ADDED = "dev.turnstile.provider-added";
    public static final String PROVIDER_REMOVED = "dev.turnstile.provider-removed";

    private final MBeanServer server;
    private final RuntimeControl control;
    private final NotificationBroadcasterSupport turnstileEmitter = emitter();
    private final Map<String, NotificationBroadcasterSupport> providerEmitters = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    public JmxExporter(MBeanServer server, RuntimeControl control) {
        this.server = server;
        this.control = control;
    }

    public static ObjectName turnstileName() {
        return name("dev.turnstile:type=Turnstile");
    }

    public static ObjectName providerName(String id) {
        return name("dev.turnstile:type=Provider,name=" + id); // ids are [a-z0-9-]: nothing to quote
    }

    /** Registers every MBean and starts listening; call once. */
    public void register() throws JMException {
        server.registerMBean(new DescribedMBean<>(new TurnstileBean(control, this::syncProvider), TurnstileMXBean.class, turnstileEmitter,
                Descriptions.of("Turnstile"), new MBeanNotificationInfo[] {
                        new MBeanNotificationInfo(new String[] {PROVIDER_ADDED, PROVIDER_REMOVED},
                                Notification.class.getName(), "A provider was added or removed")}), turnstileName());
        for (String id : control.config().providers().keySet()) {
            registerProvider(id);
        }
        control.scheduler().addListener(this);
    }

    /** Unregisters everything this exporter registered. */
    public void unregister() {
        control.scheduler().removeListener(this);
        for (String id : providerEmitters.keySet()) {
            unregisterProvider(id);
        }
        try {
            server.unregisterMBean(turnstileName());
        } catch (InstanceNotFoundException ignored) {
            // already gone
        } catch (JMException e) {
            FailOpen.report("jmx unregister", e);
        }
    }

    /**
     * Registers the provider's MBean if the provider exists now, unregisters it if not; any number
     * of times. The scheduler's events arrive from whichever thread tells them (a thread that finds
     * another one telling leaves its events to it), so {@code addProvider} over JMX calls this too:
     * a client that adds a provider can use its MBean as soon as the operation returns.
     */
    void syncProvider(String id) {
        if (control.config().providers().containsKey(id)) {
            registerProvider(id);
        } else {
            unregisterProvider(id);
        }
    }

    private void registerProvider(String id) {
        providerEmitters.computeIfAbsent(id, key -> {
            NotificationBroadcasterSupport emitter = emitter();
            try {
                server.registerMBean(new DescribedMBean<>(new ProviderBean(id, control), ProviderMXBean.class, emitter,
                        Descriptions.of("Provider"), new MBeanNotificationInfo[] {
                                new MBeanNotificationInfo(new String[] {PAUSED, RESUMED, RECLAIMED, LIMIT_CHANGED, BREAKER},
                                        Notification.class.getName(), "The provider paused, resumed, had a slot "
                                        + "reclaimed, its limit changed, or its overload breaker changed state")}),
                        providerName(id));
            } catch (JMException e) {
                FailOpen.report("jmx register provider", e);
                return null;
            }
            return emitter;
        });
    }

    private void unregisterProvider(String id) {
        if (providerEmitters.remove(id) == null) {
            return;
        }
        try {
            server.unregisterMBean(providerName(id));
        } catch (InstanceNotFoundException ignored) {
            // already gone
        } catch (JMException e) {
            FailOpen.report("jmx unregister provider", e);
        }
    }

    // ------------------------------------------------------------ scheduler events

    @Override
    public void paused(String provider, long millis, String reason) {
        send(provider, PAUSED, provider + " paused for " + millis + " ms: " + reason,
                data("provider", provider, "millis", millis, "reason", reason));
    }

    @Override
    public void resumed(String provider) {
        send(provider, RESUMED, provider + " resumed", data("provider", provider));
    }

    @Override
    public void reclaimed(String provider, String agent, long heldMillis) {
        send(provider, RECLAIMED, "the watchdog took back a slot of " + provider + " held for " + heldMillis
                + " ms" + (agent == null ? "" : " by " + agent),
                data("provider", provider, "agent", agent == null ? "" : agent, "heldMillis", heldMillis));
    }

    @Override
    public void limitChanged(String provider, int oldLimit, int newLimit, boolean adaptive) {
        send(provider, LIMIT_CHANGED, provider + " limit " + oldLimit + " -> " + newLimit
                + (adaptive ? " (adaptive, after rate limits)" : " (set by an operator)"),
                data("provider", provider, "oldLimit", oldLimit, "newLimit", newLimit, "adaptive", adaptive));
    }

    @Override
    public void breakerChanged(String provider, String state, String reason) {
        send(provider, BREAKER, provider + " overload breaker " + state + ": " + reason,
                data("provider", provider, "state", state, "reason", reason));
    }

    @Override
    public void providerAdded(String provider) {
        syncProvider(provider);
        send(null, PROVIDER_ADDED, "provider " + provider + " added", data("provider", provider));
    }

    @Override
    public void providerRemoved(String provider, int released) {
        syncProvider(provider);
        send(null, PROVIDER_REMOVED, "provider " + provider + " removed; " + released
                + " queued calls let through ungated", data("provider", provider, "released", released));
    }

    private void send(String provider, String type, String message, Map<String, Object> userData) {
        NotificationBroadcasterSupport emitter = provider == null ? turnstileEmitter : providerEmitters.get(provider);
        if (emitter == null) {
            return;
        }
        ObjectName source = provider == null ? turnstileName() : providerName(provider);
        Notification notification = new Notification(type, source, sequence.incrementAndGet(), message);
        notification.setUserData(userData);
        emitter.sendNotification(notification);
    }

    private static Map<String, Object> data(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static NotificationBroadcasterSupport emitter() {
        return new NotificationBroadcasterSupport();
    }

    private static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
