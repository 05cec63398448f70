package dev.turnstile.core;

import dev.turnstile.core.limit.LimitPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static dev.turnstile.core.SchedulerHarness.granted;
import static org.assertj.core.api.Assertions.assertThat;

/** Another limit algorithm plugs in: the scheduler tells it what happens and obeys its answer. */
class SlotSchedulerLimitPolicyTest {

    /** Starts at one call and earns one more per success, up to the ceiling; a quiet period changes nothing. */
    private static final class SlowStart implements LimitPolicy {
        final List<Long> latencies = new ArrayList<>();
        int ceiling;
        int limit = 1;

        SlowStart(int ceiling) {
            this.ceiling = ceiling;
        }

        @Override
        public int limit() {
            return limit;
        }

        @Override
        public void setCeiling(int ceiling, long nowNanos) {
            this.ceiling = ceiling;
            this.limit = Math.min(limit, ceiling);
        }

        @Override
        public void onRateLimited(long grantedNanos, long nowNanos) {
            limit = 1;
        }

        @Override
        public void onSuccess(long latencyNanos, int inFlight, long nowNanos) {
            latencies.add(latencyNanos);
            limit = Math.min(limit + 1, ceiling);
        }

        @Override
        public void onQuietPeriod(long nowNanos) {
        }

        @Override
        public long quietCheckDelayNanos(long nowNanos) {
            return NO_CHECK;
        }
    }

    private final FakeTime time = new FakeTime();
    private final List<SlowStart> policies = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final SlotScheduler scheduler = new SlotScheduler(SchedulerSettings.defaults(), time, time, new Random(1),
            SlotCounter.Factory.local(), ceiling -> {
                SlowStart policy = new SlowStart(ceiling);
                policies.add(policy);
                return policy;
            }, null);

    SlotSchedulerLimitPolicyTest() {
        scheduler.addListener(new SchedulerListener() {
            @Override
            public void limitChanged(String provider, int oldLimit, int newLimit, boolean adaptive) {
                events.add(provider + " " + oldLimit + "->" + newLimit + (adaptive ? " adaptive" : ""));
            }
        });
        scheduler.addProvider(ProviderSettings.of("openai", 3));
    }

    private PermitFuture call(String agent) {
        return scheduler.acquireAsync(CallRequest.of("openai", agent));
    }

    @Test
    void theLimitInForceIsThePolicysAnswer() {
        granted(call("a"));

        assertThat(call("b")).isNotDone();
        assertThat(scheduler.snapshot().provider("openai").effectiveLimit()).isEqualTo(1);
        assertThat(scheduler.snapshot().provider("openai").limit()).isEqualTo(3);
    }

    @Test
    void aSuccessReachesThePolicyWithItsLatencyAndARaisedLimitAdmitsWaiters() {
        Permit first = granted(call("a"));
        PermitFuture second = call("b");
        PermitFuture third = call("c");
        time.advance(Duration.ofMillis(800));

        first.release(Outcome.SUCCESS);

        assertThat(policies.get(0).latencies).containsExactly(TimeUnit.MILLISECONDS.toNanos(800));
        assertThat(second).isDone();
        assertThat(third).isDone();
        assertThat(events).containsExactly("openai 1->2 adaptive");
    }

    @Test
    void aFailureIsNoSuccess() {
        granted(call("a")).release(Outcome.FAILURE);

        assertThat(policies.get(0).latencies).isEmpty();
        assertThat(scheduler.snapshot().provider("openai").effectiveLimit()).isEqualTo(1);
    }

    @Test
    void theOperatorsLimitIsTheCeiling() {
        for (int i = 0; i < 5; i++) {
            granted(call("a" + i)).release(Outcome.SUCCESS);
        }
        assertThat(scheduler.snapshot().provider("openai").effectiveLimit()).isEqualTo(3);

        scheduler.setLimit("openai", 2);

        assertThat(scheduler.snapshot().provider("openai").effectiveLimit()).isEqualTo(2);
        assertThat(events).endsWith("openai 3->2");
    }
}
