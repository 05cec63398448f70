package dev.turnstile.agent;

import dev.turnstile.config.ProviderConfig;
import dev.turnstile.config.TurnstileConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * What a configuration asks of shared limits that they do not do yet, said at start-up rather
 * than left silent: the per-minute budgets ({@code rpm}, {@code tpm}) are counted by the in-memory
 * backend only, so next to a Redis URL they would hold nothing.
 */
final class SharedLimitsWarnings {

    private SharedLimitsWarnings() {
    }

    /** One warning per provider with a budget; none without shared limits. */
    static List<String> of(TurnstileConfig config) {
        List<String> warnings = new ArrayList<>();
        if (config.redis().isEmpty()) {
            return warnings;
        }
        for (ProviderConfig provider : config.providers().values()) {
            if (provider.rpm() > 0 || provider.tpm() > 0) {
                warnings.add("providers." + provider.id() + ".rpm and .tpm are not applied with shared limits "
                        + "(turnstile.redis.url) yet: they would hold nothing; its concurrency limit is shared");
            }
        }
        return warnings;
    }
}
