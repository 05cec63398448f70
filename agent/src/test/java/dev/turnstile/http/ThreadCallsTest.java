package dev.turnstile.http;

import dev.turnstile.config.BackoffConfig;
import dev.turnstile.core.CallRequest;
import dev.turnstile.core.ProviderSettings;
import dev.turnstile.core.SchedulerSettings;
import dev.turnstile.core.SlotScheduler;
import dev.turnstile.core.time.ExecutorTimerService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InterruptedIOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadCallsTest {

    private final ExecutorTimerService timer = new ExecutorTimerService("test-timer");
    private final SlotScheduler scheduler = new SlotScheduler(SchedulerSettings.defaults(), timer);
    private final ThreadCalls calls = new ThreadCalls();

    ThreadCallsTest() {
        scheduler.addProvider(ProviderSettings.of("p", 1).withQueueTimeout(Duration.ofSeconds(5)));
    }

    @AfterEach
    void stopTimer() {
        timer.close();
    }

    private GatedCall newCall() {
        return new GatedCall(scheduler, CallRequest.of("p", "agent"), BackoffConfig.defaults());
    }

    @Test
    void anAttemptOnTheCallersThreadReachesItsCall() {
        GatedCall call = newCall();
        Object entry = calls.enter(call);

        assertThat(entry).isInstanceOf(ThreadCalls.Entry.class);
        assertThat(calls.busy()).isTrue();
        calls.attempt(429, name -> "retry-after".equalsIgnoreCase(name) ? "2" : null);

        assertThat(((ThreadCalls.Entry) entry).attemptSeen()).isTrue();
        assertThat(scheduler.snapshot().provider("p").paused()).as("the retried 429 paused the provider").isTrue();
        calls.leave();
        assertThat(calls.busy()).isFalse();
        call.complete();
    }

    @Test
    void anAttemptOnAnotherThreadOrWithoutACallIsIgnored() throws Exception {
        calls.attempt(429, name -> null);
        GatedCall call = newCall();
        calls.enter(call);
        Thread other = new Thread(() -> calls.attempt(429, name -> null));
        other.start();
        other.join();

        assertThat(scheduler.snapshot().provider("p").paused()).isFalse();
        calls.leave();
        call.complete();
    }

    @Test
    void anInterruptWhileQueuedIsReturnedAsTheCallsFailureWithTheFlagKept() {
        GatedCall holder = newCall();
        calls.enter(holder);
        calls.leave();

        Thread.currentThread().interrupt();
        Object outcome = calls.enter(newCall());

        assertThat(outcome).isInstanceOf(InterruptedIOException.class);
        assertThat(Thread.interrupted()).as("interrupt flag kept").isTrue();
        assertThat(calls.busy()).isFalse();
        assertThat(scheduler.snapshot().provider("p").queued()).isZero();
        holder.complete();
        assertThat(scheduler.snapshot().provider("p").inFlight()).isZero();
    }
}
