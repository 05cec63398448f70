package dev.turnstile.core;

import dev.turnstile.core.limit.AimdLimit;
import dev.turnstile.core.limit.LimitTuning;
import dev.turnstile.core.pause.PausePolicy;

import java.util.concurrent.TimeUnit;

/** Providers for tests of the scheduler's parts, with the default policies and settings. */
final class ProviderStates {

    private static final LimitTuning ADAPTIVE = new LimitTuning() {
        @Override
        public boolean lowersOnRateLimit() {
            return true;
        }

        @Override
        public long quietPeriodNanos() {
            return TimeUnit.SECONDS.toNanos(30);
        }
    };

    private static final PausePolicy.Tuning BACKOFF = new PausePolicy.Tuning() {
        @Override
        public long backoffInitialNanos() {
            return TimeUnit.SECONDS.toNanos(1);
        }

        @Override
        public long backoffMaxNanos() {
            return TimeUnit.SECONDS.toNanos(60);
        }
    };

    private ProviderStates() {
    }

    /** A provider with {@code limit}, counting its slots locally, added to {@code providers}. */
    static ProviderState add(Providers providers, String id, int limit) {
        ProviderState provider = new ProviderState(ProviderSettings.of(id, limit), new LocalSlotCounter(),
                new AimdLimit(limit, ADAPTIVE), new PausePolicy(BACKOFF, () -> 0.5));
        providers.add(provider);
        return provider;
    }

    /** A waiter that expects no delivery, queued in its provider's line as the waiting line does. */
    static Waiter queue(Providers providers, ProviderState provider, long turnStartMillis, long sequence, long now) {
        Waiter waiter = new Waiter(provider, null, turnStartMillis, sequence, now) {
            @Override
            void deliver() {
            }
        };
        provider.queue.add(waiter);
        providers.queued++;
        return waiter;
    }
}
