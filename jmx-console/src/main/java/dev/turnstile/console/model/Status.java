package dev.turnstile.console.model;

import java.util.List;
import java.util.Optional;

/**
 * Everything the console shows about one target, read at {@code takenAtMillis}. The totals over
 * all providers are summed from the provider rows of this same read, so that a summary line never
 * disagrees with the table under it (the agent's GlobalInFlight and GlobalQueued would be a
 * second read, a moment later).
 */
public record Status(
        String target,
        long takenAtMillis,
        boolean enabled,
        int globalLimit,
        List<ProviderStatus> providers,
        List<AgentRow> agents,
        Optional<FleetView> fleet) {

    public Status {
        providers = List.copyOf(providers);
        agents = List.copyOf(agents);
    }

    /** A target that keeps its limits to itself (no shared limits through Redis). */
    public Status(String target, long takenAtMillis, boolean enabled, int globalLimit, List<ProviderStatus> providers,
                  List<AgentRow> agents) {
        this(target, takenAtMillis, enabled, globalLimit, providers, agents, Optional.empty());
    }

    /** Calls holding a slot, over the providers of this read. */
    public int globalInFlight() {
        return providers.stream().mapToInt(ProviderStatus::inFlight).sum();
    }

    /** Calls waiting for a slot, over the providers of this read. */
    public int globalQueued() {
        return providers.stream().mapToInt(ProviderStatus::queued).sum();
    }

    public Optional<ProviderStatus> provider(String id) {
        return providers.stream().filter(provider -> provider.id().equals(id)).findFirst();
    }
}
