package dev.turnstile.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** A scheduler on fake time with a recording listener: the fixture of the core's unit tests. */
final class SchedulerHarness {

    final FakeTime time = new FakeTime();
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final SlotScheduler scheduler;

    SchedulerHarness() {
        this(SchedulerSettings.defaults());
    }

    SchedulerHarness(SchedulerSettings settings) {
        this(settings, 0.5);
    }

    /** {@code jitter} is what the random source returns, so backoff is predictable. */
    SchedulerHarness(SchedulerSettings settings, double jitter) {
        Random fixed = new Random() {
            @Override
            public double nextDouble() {
                return jitter;
            }
        };
        scheduler = new SlotScheduler(settings, time, time, fixed, SlotCounter.Factory.local());
        scheduler.addListener(new SchedulerListener() {
            @Override
            public void paused(String provider, long millis, String reason) {
                events.add("paused " + provider + " " + millis);
            }

            @Override
            public void resumed(String provider) {
                events.add("resumed " + provider);
            }

            @Override
            public void reclaimed(String provider, String agent, long heldMillis) {
                events.add("reclaimed " + provider + " " + agent + " " + heldMillis);
            }

            @Override
            public void limitChanged(String provider, int oldLimit, int newLimit, boolean adaptive) {
                events.add("limit " + provider + " " + oldLimit + "->" + newLimit + (adaptive ? " adaptive" : ""));
            }

            @Override
            public void providerAdded(String provider) {
                events.add("added " + provider);
            }

            @Override
            public void providerRemoved(String provider, int released) {
                events.add("removed " + provider + " " + released);
            }
        });
    }

    SchedulerHarness provider(String id, int limit) {
        scheduler.addProvider(ProviderSettings.of(id, limit));
        return this;
    }

    PermitFuture call(String provider, String agent) {
        return scheduler.acquireAsync(CallRequest.of(provider, agent));
    }

    PermitFuture callWithTurn(String provider, String agent, long turnStartMillis) {
        return scheduler.acquireAsync(CallRequest.withTurnStart(provider, agent, turnStartMillis));
    }

    /** The permit of a future that must be granted by now. */
    static Permit granted(PermitFuture future) {
        if (!future.isDone() || future.isCompletedExceptionally()) {
            throw new AssertionError("expected a granted permit, but the future is " + future);
        }
        return future.join();
    }

    ProviderSnapshot stats(String provider) {
        return scheduler.snapshot().provider(provider);
    }

    void advance(Duration step) {
        time.advance(step);
    }
}
