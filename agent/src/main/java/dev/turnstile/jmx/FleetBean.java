package dev.turnstile.jmx;

import dev.turnstile.redis.FleetStatus;
import dev.turnstile.redis.RedisSlotBackend;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.JMException;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;

/**
 * The {@link FleetMXBean}: reads the backend's {@link FleetStatus} at each attribute read, and
 * turns its changes of state into notifications. Loaded only when shared limits are on.
 */
public final class FleetBean implements FleetMXBean {

    public static final String STATE_CHANGED = "dev.turnstile.fleet-state";

    private final RedisSlotBackend backend;
    private final String namespace;

    private FleetBean(RedisSlotBackend backend, String namespace) {
        this.backend = backend;
        this.namespace = namespace;
    }

    public static ObjectName name() {
        try {
            return new ObjectName("dev.turnstile:type=Fleet");
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Registers {@code dev.turnstile:type=Fleet} for {@code backend}, with its notifications. */
    public static void register(MBeanServer server, RedisSlotBackend backend, String namespace) throws JMException {
        NotificationBroadcasterSupport emitter = new NotificationBroadcasterSupport();
        AtomicLong sequence = new AtomicLong();
        ObjectName name = name();
        server.registerMBean(new DescribedMBean<>(new FleetBean(backend, namespace), FleetMXBean.class, emitter,
                Descriptions.of("Fleet"), new MBeanNotificationInfo[] {
                        new MBeanNotificationInfo(new String[] {STATE_CHANGED}, Notification.class.getName(),
                                "Shared limits changed state: SHARED, LOCAL (Redis slow or away) or REJOINING")}), name);
        backend.addListener((from, to, reason) -> {
            Notification notification = new Notification(STATE_CHANGED, name, sequence.incrementAndGet(),
                    "shared limits " + from + " -> " + to + ": " + reason);
            notification.setUserData(Map.of("from", from.name(), "to", to.name(), "reason", reason));
            emitter.sendNotification(notification);
        });
    }

    @Override
    public String getBackend() {
        return backend.state().name();
    }

    @Override
    public String getIncarnation() {
        return backend.status().incarnation();
    }

    @Override
    public String getNamespace() {
        return namespace;
    }

    @Override
    public int getLiveInstances() {
        return backend.status().liveInstances();
    }

    @Override
    public long getRedisRoundTripMicros() {
        return backend.status().roundTripMicros();
    }

    @Override
    public long getFailOvers() {
        return backend.status().failOvers();
    }

    @Override
    public long getRejoins() {
        return backend.status().rejoins();
    }

    @Override
    public long getLeasesReclaimed() {
        return backend.status().leasesReclaimed();
    }

    @Override
    public List<FleetProviderRow> getProviders() {
        List<FleetProviderRow> rows = new ArrayList<>();
        for (Map.Entry<String, FleetStatus.Provider> entry : new TreeMap<>(backend.status().providers()).entrySet()) {
            FleetStatus.Provider provider = entry.getValue();
            rows.add(new FleetProviderRow(entry.getKey(), provider.limit(), provider.localShare(),
                    provider.fleetInFlight(), provider.fleetQueued()));
        }
        return rows;
    }

    @Override
    public String[] getProviderLines() {
        return getProviders().stream().map(FleetProviderRow::line).toArray(String[]::new);
    }

}
