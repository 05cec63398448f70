package dev.turnstile.observability.support;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calls every test here makes through a child's Turnstile, provider {@code mock} with limit 2:
 * six calls that the provider holds (two in flight, four queued), then released, then one call
 * answered 429. Each step waits, bounded, until the child's MBeans say it happened.
 */
public final class GatedTraffic {

    public static final String PROVIDER = "mock";
    public static final int LIMIT = 2;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** Every counter the exporters show, by MBean attribute (never reset) and series outcome. */
    public static final List<String[]> COUNTERS = List.of(
            new String[] {"StartedTotal", "started"}, new String[] {"CompletedTotal", "completed"},
            new String[] {"FailedTotal", "failed"}, new String[] {"RateLimitedTotal", "rate_limited"},
            new String[] {"ReclaimedTotal", "reclaimed"}, new String[] {"AbandonedTotal", "abandoned"},
            new String[] {"TimedOutTotal", "timed_out"}, new String[] {"CancelledTotal", "cancelled"});

    private final ChildJvm child;
    private final Jmx jmx;
    private final Provider provider;

    public GatedTraffic(ChildJvm child, Jmx jmx, Provider provider) {
        this.child = child;
        this.jmx = jmx;
        this.provider = provider;
    }

    /** Turnstile's arguments for the provider: {@code mock} at the stand-in's address, limit 2. */
    public static String agentArguments(Provider provider) {
        return "providers." + PROVIDER + ".hosts=" + provider.hostPort() + ";providers." + PROVIDER + ".limit=" + LIMIT;
    }

    /** Six calls: returns once two are in flight and four queued. */
    public void holdSixCalls() throws Exception {
        child.send("call 6 /v1/chat");
        child.awaitCondition(() -> jmx.providerNow(PROVIDER, "InFlight") == LIMIT
                && jmx.providerNow(PROVIDER, "Queued") == 4, "2 calls in flight and 4 queued", PATIENCE);
    }

    /** Lets the six go; returns once all have ended. The provider never saw more than the limit. */
    public void releaseThem() throws Exception {
        provider.release();
        child.awaitCondition(() -> child.count("ANSWER 200") == 6, "six answers", PATIENCE);
        child.awaitCondition(() -> jmx.providerNow(PROVIDER, "CompletedTotal") == 6
                && jmx.providerNow(PROVIDER, "InFlight") == 0, "six calls completed", PATIENCE);
        assertThat(provider.maxInFlight()).as("calls the provider answered at once").isEqualTo(LIMIT);
    }

    /** One call answered 429 (Retry-After: 1): it pauses the provider. */
    public void oneRateLimitedCall() throws Exception {
        child.send("call 1 /v1/limited");
        child.awaitCondition(() -> child.count("ANSWER 429") == 1
                && jmx.providerNow(PROVIDER, "RateLimitedTotal") == 1
                && jmx.providerNow(PROVIDER, "InFlight") == 0, "the 429 counted", PATIENCE);
        assertThat(jmx.provider(PROVIDER, "StartedTotal")).as("every call got a slot once").isEqualTo(7);
    }
}
