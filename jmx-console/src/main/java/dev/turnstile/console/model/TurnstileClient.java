package dev.turnstile.console.model;

import dev.turnstile.console.ConsoleException;
import dev.turnstile.console.connect.Errors;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and steers Turnstile over a plain {@link MBeanServerConnection}, by attribute and
 * operation names and open types only: the console never loads one of the agent's classes.
 * Failures become {@link ConsoleException}s in one line: a lost connection, an unknown provider,
 * or the agent's own refusal ({@code Limit = -1}) with the agent's message.
 */
public final class TurnstileClient {

    private static final String[] TURNSTILE_ATTRIBUTES = {
            "Enabled", "GlobalLimit", "ProviderIds", "Agents"};
    private static final String[] PROVIDER_ATTRIBUTES = {
            "Hosts", "Limit", "EffectiveLimit", "InFlight", "Queued", "Paused", "PauseRemainingMillis", "PauseReason",
            "Started", "Completed", "Failed", "RateLimited", "Reclaimed", "Abandoned", "TimedOut", "Cancelled", "Ungated",
            "WaitP50Millis", "WaitP99Millis", "HoldP50Millis", "HoldP99Millis",
            "Rpm", "Tpm", "RpmRemaining", "TpmRemaining", "BudgetHold",
            "BreakerFailures", "BreakerState", "ConsecutiveFailures", "BreakerOpened"};
    private static final String[] FLEET_ATTRIBUTES = {
            "Backend", "Namespace", "Incarnation", "LiveInstances", "RedisRoundTripMicros", "FailOvers", "Rejoins",
            "LeasesReclaimed", "Providers"};
    private static final String[] SIGNATURE_PAUSE = {long.class.getName()};
    private static final String[] SIGNATURE_ADD = {String.class.getName(), String.class.getName(), int.class.getName()};
    private static final String[] SIGNATURE_REMOVE = {String.class.getName()};

    private final MBeanServerConnection mbeans;
    private final String target;

    public TurnstileClient(MBeanServerConnection mbeans, String target) {
        this.mbeans = mbeans;
        this.target = target;
    }

    public String target() {
        return target;
    }

    // ------------------------------------------------------------------ reads

    /**
     * One answer: the gate's settings and agents, then each provider's MBean once. The totals are
     * summed from those rows ({@link Status#globalInFlight()}), not read again.
     */
    public Status status() {
        Map<String, Object> turnstile = attributes(Names.TURNSTILE, TURNSTILE_ATTRIBUTES);
        long takenAt = System.currentTimeMillis();
        List<ProviderStatus> providers = new ArrayList<>();
        for (String id : ids(turnstile.get("ProviderIds"))) {
            Map<String, Object> values;
            try {
                values = mbeans.getAttributes(Names.provider(id), PROVIDER_ATTRIBUTES).asList().stream()
                        .collect(HashMap::new, (map, attribute) -> map.put(attribute.getName(), attribute.getValue()),
                                HashMap::putAll);
            } catch (InstanceNotFoundException removedMeanwhile) {
                continue;
            } catch (IOException e) {
                throw lost(e);
            } catch (JMException | RuntimeException e) {
                throw refused(e);
            }
            providers.add(provider(id, values));
        }
        return new Status(target, takenAt, bool(turnstile.get("Enabled")), integer(turnstile.get("GlobalLimit")),
                providers, agents(turnstile.get("Agents")), fleet());
    }

    /** The Fleet MBean's view, when the target shares its limits through Redis. */
    private Optional<FleetView> fleet() {
        try {
            if (!mbeans.isRegistered(Names.FLEET)) {
                return Optional.empty();
            }
        } catch (IOException e) {
            throw lost(e);
        }
        Map<String, Object> values = attributes(Names.FLEET, FLEET_ATTRIBUTES);
        List<FleetView.Provider> providers = new ArrayList<>();
        if (values.get("Providers") instanceof CompositeData[] rows) {
            for (CompositeData row : rows) {
                providers.add(new FleetView.Provider(text(row.get("provider")), integer(row.get("limit")),
                        integer(row.get("localShare")), integer(row.get("fleetInFlight")), integer(row.get("fleetQueued"))));
            }
        }
        return Optional.of(new FleetView(text(values.get("Backend")), text(values.get("Namespace")),
                text(values.get("Incarnation")), integer(values.get("LiveInstances")),
                whole(values.get("RedisRoundTripMicros")), whole(values.get("FailOvers")), whole(values.get("Rejoins")),
                whole(values.get("LeasesReclaimed")), providers));
    }

    public List<String> providerIds() {
        return ids(attribute(Names.TURNSTILE, "ProviderIds"));
    }

    public List<AgentRow> agents() {
        return agents(attribute(Names.TURNSTILE, "Agents"));
    }

    // ------------------------------------------------------------------ writes

    public void setLimit(String provider, int limit) {
        requireProvider(provider);
        set(Names.provider(provider), "Limit", limit);
    }

    /** The provider's calls per minute; 0 = off. */
    public void setRpm(String provider, int rpm) {
        requireProvider(provider);
        set(Names.provider(provider), "Rpm", rpm);
    }

    /** The provider's tokens per minute; 0 = off. */
    public void setTpm(String provider, long tpm) {
        requireProvider(provider);
        set(Names.provider(provider), "Tpm", tpm);
    }

    /** Overload failures in a row that open the provider's breaker; 0 turns it off. */
    public void setBreakerFailures(String provider, int failures) {
        requireProvider(provider);
        set(Names.provider(provider), "BreakerFailures", failures);
    }

    public void setGlobalLimit(int limit) {
        set(Names.TURNSTILE, "GlobalLimit", limit);
    }

    public void pause(String provider, Duration duration) {
        requireProvider(provider);
        invoke(Names.provider(provider), "pause", new Object[] {duration.toMillis()}, SIGNATURE_PAUSE);
    }

    public void resume(String provider) {
        requireProvider(provider);
        invoke(Names.provider(provider), "resume", new Object[0], new String[0]);
    }

    public void addProvider(String id, String hosts, int limit) {
        invoke(Names.TURNSTILE, "addProvider", new Object[] {id, hosts, limit}, SIGNATURE_ADD);
    }

    public void removeProvider(String id) {
        requireProvider(id);
        invoke(Names.TURNSTILE, "removeProvider", new Object[] {id}, SIGNATURE_REMOVE);
    }

    /** Fails with the known ids when {@code id} is not a provider of the target. */
    public void requireProvider(String id) {
        List<String> ids = providerIds();
        if (!ids.contains(id)) {
            throw new ConsoleException(ConsoleException.Reason.NOT_FOUND, "unknown provider '" + id + "' on " + target + " (providers: "
                    + (ids.isEmpty() ? "none" : String.join(", ", ids)) + ")");
        }
    }

    // ------------------------------------------------------------------ JMX plumbing

    private Object attribute(ObjectName name, String attribute) {
        try {
            return mbeans.getAttribute(name, attribute);
        } catch (IOException e) {
            throw lost(e);
        } catch (JMException | RuntimeException e) {
            throw refused(e);
        }
    }

    private Map<String, Object> attributes(ObjectName name, String[] names) {
        try {
            AttributeList list = mbeans.getAttributes(name, names);
            Map<String, Object> values = new HashMap<>();
            for (Attribute attribute : list.asList()) {
                values.put(attribute.getName(), attribute.getValue());
            }
            return values;
        } catch (IOException e) {
            throw lost(e);
        } catch (JMException | RuntimeException e) {
            throw refused(e);
        }
    }

    private void set(ObjectName name, String attribute, Object value) {
        try {
            mbeans.setAttribute(name, new Attribute(attribute, value));
        } catch (IOException e) {
            throw lost(e);
        } catch (JMException | RuntimeException e) {
            throw refused(e);
        }
    }

    private void invoke(ObjectName name, String operation, Object[] arguments, String[] signature) {
        try {
            mbeans.invoke(name, operation, arguments, signature);
        } catch (IOException e) {
            throw lost(e);
        } catch (JMException | RuntimeException e) {
            throw refused(e);
        }
    }

    private ConsoleException lost(IOException e) {
        return new ConsoleException(ConsoleException.Reason.UNREACHABLE, "lost the connection to " + target + ": " + Errors.rootMessage(e), e);
    }

    /** The agent's own message (an IllegalArgumentException inside JMX's wrappers). */
    private ConsoleException refused(Exception e) {
        if (e instanceof ConsoleException) {
            return (ConsoleException) e;
        }
        if (e instanceof InstanceNotFoundException) {
            return new ConsoleException(ConsoleException.Reason.NOT_FOUND, "Turnstile on " + target + " has no MBean " + e.getMessage(), e);
        }
        return new ConsoleException(ConsoleException.Reason.REFUSED, "Turnstile on " + target + " refused: " + Errors.rootMessage(e), e);
    }

    // ------------------------------------------------------------------ open types to records

    private static ProviderStatus provider(String id, Map<String, Object> values) {
        long started = whole(values.get("Started"));
        long ended = whole(values.get("Completed")) + whole(values.get("Failed")) + whole(values.get("Reclaimed"));
        return new ProviderStatus(id, text(values.get("Hosts")),
                integer(values.get("Limit")), integer(values.get("EffectiveLimit")), integer(values.get("InFlight")),
                integer(values.get("Queued")), bool(values.get("Paused")), whole(values.get("PauseRemainingMillis")),
                started, whole(values.get("Completed")), whole(values.get("Failed")),
                whole(values.get("RateLimited")), whole(values.get("Reclaimed")), whole(values.get("Abandoned")),
                whole(values.get("TimedOut")), whole(values.get("Cancelled")), whole(values.get("Ungated")),
                measured(started, values.get("WaitP50Millis")), measured(started, values.get("WaitP99Millis")),
                measured(ended, values.get("HoldP50Millis")), measured(ended, values.get("HoldP99Millis")),
                text(values.get("PauseReason")), budget(values), breaker(values));
    }

    /** An agent too old to have budgets answers none of these: off. */
    private static Budget budget(Map<String, Object> values) {
        return values.containsKey("Rpm") ? new Budget(integer(values.get("Rpm")), whole(values.get("Tpm")),
                whole(values.get("RpmRemaining")), whole(values.get("TpmRemaining")), text(values.get("BudgetHold")))
                : Budget.OFF;
    }

    private static BreakerStatus breaker(Map<String, Object> values) {
        Object state = values.get("BreakerState");
        return state == null ? BreakerStatus.OFF : new BreakerStatus(integer(values.get("BreakerFailures")),
                String.valueOf(state), integer(values.get("ConsecutiveFailures")), whole(values.get("BreakerOpened")));
    }

    /** A percentile, or NaN when no call was measured: the MBean then says 0, which would read as "no wait". */
    private static double measured(long samples, Object value) {
        return samples == 0 ? Double.NaN : real(value);
    }

    private static List<AgentRow> agents(Object value) {
        List<AgentRow> rows = new ArrayList<>();
        if (value instanceof CompositeData[]) {
            for (CompositeData row : (CompositeData[]) value) {
                rows.add(new AgentRow(String.valueOf(item(row, "agent")), String.valueOf(item(row, "provider")),
                        whole(item(row, "turnStartMillis")), whole(item(row, "turnAgeMillis")),
                        whole(item(row, "turnCalls")), integer(item(row, "inFlight")), integer(item(row, "queued"))));
            }
        }
        return rows;
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    private static Object item(CompositeData row, String key) {
        return row.getCompositeType().containsKey(key) ? row.get(key) : null;
    }

    private static List<String> ids(Object value) {
        if (value instanceof String[]) {
            return Arrays.asList((String[]) value);
        }
        return List.of();
    }

    private static int integer(Object value) {
        return value instanceof Number ? ((Number) value).intValue() : 0;
    }

    private static long whole(Object value) {
        return value instanceof Number ? ((Number) value).longValue() : 0;
    }

    private static double real(Object value) {
        return value instanceof Number ? ((Number) value).doubleValue() : Double.NaN;
    }

    private static boolean bool(Object value) {
        return Boolean.TRUE.equals(value);
    }
}
