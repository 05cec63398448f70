package dev.turnstile.it.support;

import java.time.Duration;

/**
 * The provider a scenario's calls go through: the hosts it gates, its limit, how long a call may
 * wait in its queue and, when set, how long a slot may be held before the watchdog takes it back.
 * Adaptive backoff is off wherever it is used, so a 429 never changes the limit a scenario counts on.
 */
public record Gating(String hosts, int limit, Duration queueTimeout, Duration maxHold) {

    /** The default queue timeout: short enough that a leaked slot fails the next call quickly. */
    public static final Duration QUEUE_TIMEOUT = Duration.ofSeconds(3);

    /** Gates {@code 127.0.0.1:<port>} with {@code limit}, queue timeout 3 s, the default max hold. */
    public static Gating of(MockLlmServer server, int limit) {
        return new Gating("127.0.0.1:" + server.port(), limit, QUEUE_TIMEOUT, null);
    }

    /** These hosts instead, a comma list of {@code host:port}. */
    public Gating hosts(String hosts) {
        return new Gating(hosts, limit, queueTimeout, maxHold);
    }

    public Gating queueTimeout(Duration queueTimeout) {
        return new Gating(hosts, limit, queueTimeout, maxHold);
    }

    public Gating maxHold(Duration maxHold) {
        return new Gating(hosts, limit, queueTimeout, maxHold);
    }

    /** The agent arguments of a JVM whose only provider, {@code test}, is this one. */
    public String agentArgs() {
        return "presets=false;providers.test.hosts=" + hosts + ";providers.test.limit=" + limit
                + ";providers.test.queue-timeout=" + queueTimeout.toMillis() + "ms"
                + (maxHold == null ? "" : ";providers.test.max-hold=" + maxHold.toMillis() + "ms")
                + ";backoff.adaptive=false";
    }
}
