package dev.turnstile.control;

import dev.turnstile.config.BackoffConfig;
import dev.turnstile.config.ProviderConfig;
import dev.turnstile.config.TurnstileConfig;
import dev.turnstile.core.ProviderSettings;
import dev.turnstile.core.SchedulerSettings;

/** Translates the configuration into the scheduler's own settings. */
public final class SchedulerSettingsMapper {

    private SchedulerSettingsMapper() {
    }

    public static SchedulerSettings settings(TurnstileConfig config) {
        BackoffConfig backoff = config.backoff();
        return SchedulerSettings.builder()
                .globalLimit(config.globalLimit())
                .turnIdle(config.turnIdle())
                .backoff(backoff.initial(), backoff.max())
                .adaptive(backoff.adaptive())
                .adaptiveRecovery(backoff.recovery())
                .releaseCooldown(config.releaseCooldown())
                .build();
    }

    public static ProviderSettings provider(ProviderConfig provider) {
        return ProviderSettings.of(provider.id(), provider.limit())
                .withMaxHold(provider.maxHold())
                .withQueueTimeout(provider.queueTimeout())
                .withRpm(provider.rpm())
                .withTpm(provider.tpm())
                .withBreakerFailures(provider.breakerFailures());
    }
}
