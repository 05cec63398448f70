package dev.turnstile.redis;

import dev.turnstile.config.ConfigLoader;
import dev.turnstile.config.RedisSettings;
import dev.turnstile.core.ProviderSettings;
import dev.turnstile.core.SchedulerSettings;
import dev.turnstile.core.SlotScheduler;
import dev.turnstile.core.time.ExecutorTimerService;
import java.util.Map;

/** One "JVM" of a fleet in a test: a scheduler on its own Redis backend, with one provider. */
final class Replica implements AutoCloseable {

    static final String PROVIDER = "openai";

    final ExecutorTimerService timer = new ExecutorTimerService("replica-timer");
    final RedisSlotBackend backend;
    final SlotScheduler scheduler;
    private boolean closed;

    Replica(RedisSettings settings, int limit, FleetTimings timings) {
        this(settings, limit, timings, SchedulerSettings.defaults());
    }

    Replica(RedisSettings settings, int limit, FleetTimings timings, SchedulerSettings schedulerSettings) {
        backend = new RedisSlotBackend(new RedisConnections(settings), settings.namespace(), timings);
        scheduler = new SlotScheduler(schedulerSettings, timer, backend);
        scheduler.addProvider(ProviderSettings.of(PROVIDER, limit));
        backend.start(scheduler);
    }

    static RedisSettings settings(RedisServer redis) {
        return ConfigLoader.load(null, Map.of("turnstile.redis.url", "redis://127.0.0.1:" + redis.port()), Map.of())
                .config().redis().orElseThrow();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            backend.close();
            timer.close();
        }
    }
}
