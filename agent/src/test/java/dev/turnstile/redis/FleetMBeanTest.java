package dev.turnstile.redis;

import static dev.turnstile.redis.Eventually.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.core.CallRequest;
import dev.turnstile.core.Outcome;
import dev.turnstile.jmx.FleetBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.Notification;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code dev.turnstile:type=Fleet} shows the fleet beside the local view and tells each change of state. */
class FleetMBeanTest {

    @RegisterExtension
    static final RedisForClass REDIS = new RedisForClass();

    @Test
    void theFleetViewShowsTheReplicasTheSharesAndEachChangeOfState() throws Exception {
        FleetTimings timings = new FleetTimings(Duration.ofMillis(250), Duration.ofSeconds(10), 2);
        try (Replica a = new Replica(Replica.settings(REDIS.server()), 4, timings);
                Replica b = new Replica(Replica.settings(REDIS.server()), 4, timings)) {
            MBeanServer server = MBeanServerFactory.newMBeanServer();
            FleetBean.register(server, a.backend, "default");
            List<Notification> heard = new CopyOnWriteArrayList<>();
            server.addNotificationListener(FleetBean.name(), (notification, handback) -> heard.add(notification), null, null);
            a.scheduler.acquireAsync(CallRequest.of(Replica.PROVIDER, "x")).join();
            b.scheduler.acquireAsync(CallRequest.of(Replica.PROVIDER, "y")).join().release(Outcome.SUCCESS);

            awaitTrue(() -> attribute(server, "LiveInstances").equals(2) && attribute(server, "Backend").equals("SHARED")
                    && row(server).get("fleetInFlight").equals(1));
            assertThat(row(server).get("localShare")).isEqualTo(2);
            assertThat(row(server).get("limit")).isEqualTo(4);
            assertThat((String[]) attribute(server, "ProviderLines"))
                    .containsExactly("openai: limit 4, local share 2, fleet 1 in flight, 0 queued");
            assertThat((long) attribute(server, "RedisRoundTripMicros")).isPositive();

            REDIS.server().signal("STOP");
            try {
                awaitTrue(() -> attribute(server, "Backend").equals("LOCAL"));
            } finally {
                REDIS.server().signal("CONT");
            }
            awaitTrue(() -> attribute(server, "Backend").equals("SHARED") && attribute(server, "Rejoins").equals(1L));
            assertThat(attribute(server, "FailOvers")).isEqualTo(1L);
            List<Object> states = new ArrayList<>();
            heard.forEach(notification -> states.add(((Map<?, ?>) notification.getUserData()).get("to")));
            // The first join may end after the listener was added: its SHARED is heard first then.
            while (states.size() > 3 && states.get(0).equals("SHARED")) {
                states.remove(0);
            }
            assertThat(states).containsExactly("LOCAL", "REJOINING", "SHARED");
            assertThat(heard).allMatch(notification -> notification.getType().equals(FleetBean.STATE_CHANGED));
        }
    }

    private static Object attribute(MBeanServer server, String name) {
        try {
            return server.getAttribute(FleetBean.name(), name);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, Object> row(MBeanServer server) {
        CompositeData[] rows = (CompositeData[]) attribute(server, "Providers");
        assertThat(rows).hasSize(1);
        return Map.of("limit", rows[0].get("limit"), "localShare", rows[0].get("localShare"),
                "fleetInFlight", rows[0].get("fleetInFlight"), "fleetQueued", rows[0].get("fleetQueued"));
    }
}
