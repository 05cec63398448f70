package dev.turnstile.console.model;

import java.util.List;
import java.util.Optional;

/** Everything the console shows about one target, read at {@code takenAtMillis}. */
public record Status(
        String target,
        long takenAtMillis,
        boolean enabled,
        int globalLimit,
        int globalInFlight,
        int globalQueued,
        List<ProviderStatus> providers,
        List<AgentRow> agents) {

    public Status {
        providers = List.copyOf(providers);
        agents = List.copyOf(agents);
    }

    public Optional<ProviderStatus> provider(String id) {
        return providers.stream().filter(provider -> provider.id().equals(id)).findFirst();
    }
}
