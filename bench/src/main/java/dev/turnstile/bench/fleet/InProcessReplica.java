package dev.turnstile.bench.fleet;

import dev.turnstile.config.ConfigLoader;
import dev.turnstile.config.RedisSettings;
import dev.turnstile.core.ProviderSettings;
import dev.turnstile.core.SchedulerSettings;
import dev.turnstile.core.SlotScheduler;
import dev.turnstile.core.time.ExecutorTimerService;
import dev.turnstile.redis.FleetState;
import dev.turnstile.redis.FleetTimings;
import dev.turnstile.redis.RedisConnections;
import dev.turnstile.redis.RedisSlotBackend;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler as the agent builds it, with one provider {@value #PROVIDER}: on the in-memory
 * backend ({@link #local}), or on a {@link RedisSlotBackend} with the agent's default timings, as
 * {@code SharedLimits} builds it when {@code turnstile.redis.url} is set ({@link #shared}).
 */
final class InProcessReplica implements AutoCloseable {

    static final String PROVIDER = "p";

    private final ExecutorTimerService timer = new ExecutorTimerService("fleet-bench-timer");
    private final RedisSlotBackend backend;
    final SlotScheduler scheduler;

    private InProcessReplica(RedisSlotBackend backend, int limit) {
        this.backend = backend;
        scheduler = backend == null ? new SlotScheduler(SchedulerSettings.defaults(), timer)
                : new SlotScheduler(SchedulerSettings.defaults(), timer, backend);
        scheduler.addProvider(ProviderSettings.of(PROVIDER, limit));
    }

    static InProcessReplica local(int limit) {
        return new InProcessReplica(null, limit);
    }

    /** Joins the fleet at {@code url} and waits until it is {@code SHARED}. */
    static InProcessReplica shared(String url, int limit) throws InterruptedException {
        RedisSettings settings = ConfigLoader.load(null, Map.of("turnstile.redis.url", url), Map.of()).config().redis()
                .orElseThrow();
        RedisSlotBackend backend = new RedisSlotBackend(new RedisConnections(settings), settings.namespace(),
                FleetTimings.DEFAULTS);
        InProcessReplica replica = new InProcessReplica(backend, limit);
        backend.start(replica.scheduler);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (backend.state() != FleetState.SHARED) {
            if (System.nanoTime() > deadline) {
                replica.close();
                throw new IllegalStateException("the Redis backend never became SHARED (state " + backend.state() + ")");
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return replica;
    }

    @Override
    public void close() {
        if (backend != null) {
            backend.close();
        }
        timer.close();
    }
}
