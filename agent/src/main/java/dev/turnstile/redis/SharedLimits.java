package dev.turnstile.redis;

import dev.turnstile.config.RedisSettings;
import dev.turnstile.core.SlotBackend;
import dev.turnstile.core.SlotScheduler;
import dev.turnstile.log.Logs;
import org.slf4j.Logger;

/**
 * What the agent starts when {@code turnstile.redis.url} is set: the {@link RedisSlotBackend} to
 * build the scheduler with, its threads once the scheduler has its providers, a log line at each
 * change of state, and a clean leave at shutdown. The only class of this package the agent names,
 * and only on that path, so that without a URL nothing of Redis is loaded.
 */
public final class SharedLimits {

    private static final Logger LOG = Logs.get(SharedLimits.class);

    private final RedisSettings settings;
    private final RedisSlotBackend backend;

    public SharedLimits(RedisSettings settings) {
        this.settings = settings;
        this.backend = new RedisSlotBackend(new RedisConnections(settings), settings.namespace(),
                FleetTimings.of(settings.timings()));
    }

    public SlotBackend backend() {
        return backend;
    }

    /** Joins the fleet for {@code scheduler}, which was built with {@link #backend()} and has its providers. */
    public void start(SlotScheduler scheduler) {
        backend.addListener((from, to, reason) -> {
            if (to == FleetState.LOCAL) {
                LOG.warn("shared limits: {} -> {} ({}); each limit is shared out locally until Redis answers", from, to, reason);
            } else {
                LOG.info("shared limits: {} -> {} ({})", from, to, reason);
            }
        });
        backend.start(scheduler);
        Runtime.getRuntime().addShutdownHook(new Thread(backend::close, "turnstile-fleet-leave"));
        LOG.info("shared limits through {}", settings); // the settings never print the password
    }

    public RedisSlotBackend fleet() {
        return backend;
    }

    public String namespace() {
        return settings.namespace();
    }
}
