package dev.turnstile.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A limit in force decided elsewhere (the JVMs sharing a provider's limit through a backend's
 * store) is adopted as the scheduler's own: shown, reported, bounding grants, never above the
 * operator's limit.
 */
class SlotSchedulerFollowLimitTest {

    private final FakeTime time = new FakeTime();
    private final List<String> events = new ArrayList<>();
    private final SlotScheduler scheduler = new SlotScheduler(SchedulerSettings.defaults(), time, time, new Random(1),
            SlotCounter.Factory.local());

    SlotSchedulerFollowLimitTest() {
        scheduler.addListener(new SchedulerListener() {
            @Override
            public void limitChanged(String provider, int oldLimit, int newLimit, boolean adaptive) {
                events.add(oldLimit + "->" + newLimit + (adaptive ? " adaptive" : ""));
            }
        });
        scheduler.addProvider(ProviderSettings.of("openai", 4));
    }

    @Test
    void aFollowedLimitBoundsTheGrantsAndRaisingItAdmitsWaiters() {
        scheduler.followLimit("openai", 2);
        List<PermitFuture> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(scheduler.acquireAsync(CallRequest.of("openai", "agent-" + i)));
        }
        assertThat(calls.get(2)).isNotDone();
        assertThat(scheduler.snapshot("openai").effectiveLimit()).isEqualTo(2);

        scheduler.followLimit("openai", 3);

        assertThat(calls.get(2)).isDone();
        scheduler.followLimit("openai", 9);
        assertThat(scheduler.snapshot("openai").effectiveLimit()).as("never above the operator's").isEqualTo(4);
        assertThat(events).containsExactly("4->2 adaptive", "2->3 adaptive", "3->4 adaptive");
    }

    @Test
    void aRateLimitTellsTheLimitBeforeAndAfter() {
        List<String> rateLimits = new ArrayList<>();
        scheduler.addListener(new SchedulerListener() {
            @Override
            public void rateLimited(String provider, int limitBefore, int limitAfter) {
                rateLimits.add(provider + " " + limitBefore + "->" + limitAfter);
            }
        });
        Permit first = scheduler.acquireAsync(CallRequest.of("openai", "a")).join();
        Permit second = scheduler.acquireAsync(CallRequest.of("openai", "b")).join();

        first.rateLimited(1_000);
        second.rateLimited(1_000); // the same episode

        assertThat(rateLimits).containsExactly("openai 4->2", "openai 2->2");
    }
}
