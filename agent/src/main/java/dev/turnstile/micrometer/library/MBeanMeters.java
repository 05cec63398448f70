package dev.turnstile.micrometer.library;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import javax.management.InstanceNotFoundException;
import javax.management.MBeanServer;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerNotification;
import javax.management.MalformedObjectNameException;
import javax.management.Notification;
import javax.management.NotificationFilter;
import javax.management.ObjectName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a registry's Turnstile meters in step with Turnstile's MBeans: meters for each MBean that
 * is registered (now or later, as providers are added at runtime), removed with it. Reads only the
 * platform MBeanServer, so it needs nothing of the agent but the MBeans' names.
 */
final class MBeanMeters {

    private static final String DOMAIN = "dev.turnstile";
    private static final String PROVIDER_TYPE = "Provider";
    private static final String GLOBAL_TYPE = "Turnstile";

    private final MBeanServer server;
    private final MeterRegistry registry;
    /** The meters of each bound MBean, and (strongly: Micrometer holds it weakly) the reader behind them. */
    private final Map<ObjectName, Bound> bound = new ConcurrentHashMap<>();

    MBeanMeters(MBeanServer server, MeterRegistry registry) {
        this.server = server;
        this.registry = registry;
    }

    /** Binds the MBeans there now, and those registered later. Listens first, so none falls between. */
    void start() throws InstanceNotFoundException, MalformedObjectNameException {
        NotificationFilter ours = notification -> notification instanceof MBeanServerNotification
                && DOMAIN.equals(((MBeanServerNotification) notification).getMBeanName().getDomain());
        server.addNotificationListener(MBeanServerDelegate.DELEGATE_NAME, this::changed, ours, null);
        for (ObjectName name : server.queryNames(new ObjectName(DOMAIN + ":*"), null)) {
            bind(name);
        }
    }

    private void changed(Notification notification, Object handback) {
        ObjectName name = ((MBeanServerNotification) notification).getMBeanName();
        if (MBeanServerNotification.REGISTRATION_NOTIFICATION.equals(notification.getType())) {
            bind(name);
        } else if (MBeanServerNotification.UNREGISTRATION_NOTIFICATION.equals(notification.getType())) {
            unbind(name);
        }
    }

    private void bind(ObjectName name) {
        String type = name.getKeyProperty("type");
        if (PROVIDER_TYPE.equals(type) && name.getKeyProperty("name") != null) {
            bind(name, MeterCatalog.PROVIDER, Tags.of("provider", name.getKeyProperty("name"))); // ids are [a-z0-9-]
        } else if (GLOBAL_TYPE.equals(type)) {
            bind(name, MeterCatalog.GLOBAL, Tags.empty());
        }
    }

    private void bind(ObjectName name, List<MeterSpec> specs, Tags tags) {
        AttributeReader reader = new AttributeReader(server, name);
        bound.computeIfAbsent(name, key -> {
            List<Meter> meters = new ArrayList<>(specs.size());
            for (MeterSpec spec : specs) {
                meters.add(spec.register(registry, reader, tags));
            }
            return new Bound(reader, meters);
        });
    }

    private void unbind(ObjectName name) {
        Bound gone = bound.remove(name);
        if (gone != null) {
            for (Meter meter : gone.meters) {
                registry.remove(meter);
            }
        }
    }

    private static final class Bound {
        final AttributeReader reader;
        final List<Meter> meters;

        Bound(AttributeReader reader, List<Meter> meters) {
            this.reader = reader;
            this.meters = meters;
        }
    }
}
