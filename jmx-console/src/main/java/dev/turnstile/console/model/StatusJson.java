package dev.turnstile.console.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON shape of a status, shared by {@code status --json}, {@code agents --json} and the
 * web console's {@code /api/} (documented in jmx-console/README.md). Keys are the MBean
 * attributes' names in lower camel case; {@code globalInFlight} and {@code globalQueued} are the
 * sums of the provider rows in the same answer, and a percentile nobody measured yet is null.
 */
public final class StatusJson {

    private StatusJson() {
    }

    public static Map<String, Object> of(Status status) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("target", status.target());
        json.put("takenAtMillis", status.takenAtMillis());
        json.put("enabled", status.enabled());
        json.put("globalLimit", status.globalLimit());
        json.put("globalInFlight", status.globalInFlight());
        json.put("globalQueued", status.globalQueued());
        json.put("providers", providers(status.providers()));
        json.put("agents", agents(status.agents()));
        json.put("fleet", status.fleet().map(StatusJson::fleet).orElse(null));
        return json;
    }

    /** The Fleet MBean's view; {@code "fleet": null} when the target keeps its limits to itself. */
    public static Map<String, Object> fleet(FleetView fleet) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("backend", fleet.backend());
        json.put("namespace", fleet.namespace());
        json.put("incarnation", fleet.incarnation());
        json.put("liveInstances", fleet.liveInstances());
        json.put("redisRoundTripMicros", fleet.redisRoundTripMicros());
        json.put("failOvers", fleet.failOvers());
        json.put("rejoins", fleet.rejoins());
        json.put("leasesReclaimed", fleet.leasesReclaimed());
        List<Object> providers = new ArrayList<>();
        for (FleetView.Provider provider : fleet.providers()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("provider", provider.provider());
            row.put("limit", provider.limit());
            row.put("localShare", provider.localShare());
            row.put("fleetInFlight", provider.fleetInFlight());
            row.put("fleetQueued", provider.fleetQueued());
            providers.add(row);
        }
        json.put("providers", providers);
        return json;
    }

    public static List<Object> providers(List<ProviderStatus> providers) {
        List<Object> list = new ArrayList<>();
        for (ProviderStatus provider : providers) {
            list.add(provider(provider));
        }
        return list;
    }

    public static Map<String, Object> provider(ProviderStatus provider) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", provider.id());
        json.put("hosts", provider.hosts());
        json.put("limit", provider.limit());
        json.put("effectiveLimit", provider.effectiveLimit());
        json.put("inFlight", provider.inFlight());
        json.put("queued", provider.queued());
        json.put("paused", provider.paused());
        json.put("pauseRemainingMillis", provider.pauseRemainingMillis());
        json.put("pauseReason", provider.pauseReason());
        json.put("started", provider.started());
        json.put("completed", provider.completed());
        json.put("failed", provider.failed());
        json.put("rateLimited", provider.rateLimited());
        json.put("reclaimed", provider.reclaimed());
        json.put("abandoned", provider.abandoned());
        json.put("timedOut", provider.timedOut());
        json.put("cancelled", provider.cancelled());
        json.put("ungated", provider.ungated());
        json.put("waitP50Millis", provider.waitP50Millis());
        json.put("waitP99Millis", provider.waitP99Millis());
        json.put("holdP50Millis", provider.holdP50Millis());
        json.put("holdP99Millis", provider.holdP99Millis());
        Budget budget = provider.budget();
        json.put("rpm", budget.rpm());
        json.put("tpm", budget.tpm());
        json.put("rpmRemaining", budget.rpmRemaining());
        json.put("tpmRemaining", budget.tpmRemaining());
        json.put("budgetHold", budget.hold());
        BreakerStatus breaker = provider.breaker();
        Map<String, Object> breakerJson = new LinkedHashMap<>();
        breakerJson.put("failures", breaker.failures());
        breakerJson.put("state", breaker.state());
        breakerJson.put("consecutiveFailures", breaker.consecutiveFailures());
        breakerJson.put("opened", breaker.opened());
        json.put("breaker", breakerJson);
        return json;
    }

    public static List<Object> agents(List<AgentRow> agents) {
        List<Object> list = new ArrayList<>();
        for (AgentRow agent : agents) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("agent", agent.agent());
            json.put("provider", agent.provider());
            json.put("turnStartMillis", agent.turnStartMillis());
            json.put("turnAgeMillis", agent.turnAgeMillis());
            json.put("turnCalls", agent.turnCalls());
            json.put("inFlight", agent.inFlight());
            json.put("queued", agent.queued());
            list.add(json);
        }
        return list;
    }

    /** {@code {"global": n, "providers": {"id": n, ...}}}: what {@code /api/limits} reads and writes. */
    public static Map<String, Object> limits(Status status) {
        Map<String, Object> providers = new LinkedHashMap<>();
        for (ProviderStatus provider : status.providers()) {
            providers.put(provider.id(), provider.limit());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("global", status.globalLimit());
        json.put("providers", providers);
        return json;
    }
}
