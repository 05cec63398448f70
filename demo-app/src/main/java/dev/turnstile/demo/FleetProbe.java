package dev.turnstile.demo;

import dev.turnstile.demo.app.KeyValues;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

/**
 * Reads this JVM's fleet view through plain JMX ({@code dev.turnstile:type=Fleet}, registered by
 * the agent when it shares its limits through Redis), as any JMX client could; the demo uses no
 * Turnstile class.
 */
final class FleetProbe {

    static final String FLEET_BEAN = "dev.turnstile:type=Fleet";
    static final String WIRE_PREFIX = "DEMO-FLEET ";
    private static final long POLL_MILLIS = 100;

    private FleetProbe() {
    }

    /**
     * One replica's fleet view. {@code backend} is {@code none} when there is no Fleet MBean (the
     * limit is this JVM's own); {@code limit} and {@code localShare} are the mock provider's,
     * {@code -1} when unknown.
     */
    record View(String backend, int liveInstances, int limit, int localShare, long roundTripMicros, long failOvers) {

        static final View NONE = new View("none", 0, -1, -1, -1, 0);

        boolean shared() {
            return "SHARED".equals(backend);
        }

        String toWire() {
            return WIRE_PREFIX + "backend=" + backend + " live=" + liveInstances + " limit=" + limit + " share="
                    + localShare + " rttUs=" + roundTripMicros + " failovers=" + failOvers;
        }

        static View fromWire(String line) {
            KeyValues values = KeyValues.parse(line.substring(WIRE_PREFIX.length()));
            return new View(values.get("backend"), values.getInt("live"), values.getInt("limit"),
                    values.getInt("share"), values.getLong("rttUs"), values.getLong("failovers"));
        }

        /**
         * For people: 'SHARED, 3 live replicas, mock limit 4 (local share 1), Redis round trip
         * 310 µs, 0 fail-overs'; the provider's part once the agent has a row for it.
         */
        String sentence() {
            if ("none".equals(backend)) {
                return "no Fleet MBean: this JVM's limit is its own";
            }
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s, %d live replica%s", backend,
                    liveInstances, liveInstances == 1 ? "" : "s"));
            if (limit >= 0) {
                text.append(String.format(Locale.ROOT, ", mock limit %d (local share %d)", limit, localShare));
            }
            return text.append(String.format(Locale.ROOT, ", Redis round trip %d µs, %d fail-over%s", roundTripMicros,
                    failOvers, failOvers == 1 ? "" : "s")).toString();
        }
    }

    /** The fleet view now, or {@link View#NONE}. */
    static View read() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName fleet = new ObjectName(FLEET_BEAN);
            if (!server.isRegistered(fleet)) {
                return View.NONE;
            }
            int limit = -1;
            int share = -1;
            for (CompositeData row : (CompositeData[]) server.getAttribute(fleet, "Providers")) {
                if ("mock".equals(row.get("provider"))) {
                    limit = (Integer) row.get("limit");
                    share = (Integer) row.get("localShare");
                }
            }
            return new View(String.valueOf(server.getAttribute(fleet, "Backend")),
                    (Integer) server.getAttribute(fleet, "LiveInstances"), limit, share,
                    (Long) server.getAttribute(fleet, "RedisRoundTripMicros"),
                    (Long) server.getAttribute(fleet, "FailOvers"));
        } catch (Exception | LinkageError e) {
            return View.NONE;
        }
    }

    /**
     * Waits until this JVM shares its limit with {@code replicas} live replicas, or {@code timeout}
     * has passed; returns the last view read.
     */
    static View awaitShared(int replicas, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        View view = read();
        while (!(view.shared() && view.liveInstances() >= replicas) && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
            view = read();
        }
        return view;
    }
}
