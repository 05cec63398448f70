package dev.turnstile.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static dev.turnstile.core.SchedulerHarness.granted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cancel, interrupt and timeout while queued: the waiter leaves and no slot leaks. */
class SlotSchedulerWaitingTest {

    private final SchedulerHarness h = new SchedulerHarness().provider("openai", 1);

    @Test
    void cancellingAQueuedCallRemovesItFromTheQueue() {
        Permit held = granted(h.call("openai", "a"));
        PermitFuture cancelled = h.call("openai", "b");
        PermitFuture next = h.call("openai", "c");

        assertThat(cancelled.cancel(true)).isTrue();
        assertThat(h.stats("openai").queued()).isEqualTo(1);
        held.release(Outcome.SUCCESS);

        assertThat(next).isDone();
        assertThat(h.stats("openai").cancelled()).isEqualTo(1);
        assertThat(h.stats("openai").inFlight()).isEqualTo(1);
    }

    @Test
    void completingAQueuedFutureExceptionallyAlsoWithdrawsIt() {
        granted(h.call("openai", "a"));
        PermitFuture gaveUp = h.call("openai", "b");

        gaveUp.completeExceptionally(new IllegalStateException("caller gave up"));

        assertThat(h.stats("openai").queued()).isZero();
    }

    @Test
    void aCancelThatRacesWithTheGrantHandsTheSlotBack() {
        Permit held = granted(h.call("openai", "a"));
        PermitFuture racing = h.call("openai", "b");
        PermitFuture next = h.call("openai", "c");
        // The race: the caller's future completes after the grant was decided under the lock but
        // before it was delivered. obtrudeException completes the future behind the scheduler's
        // back, so the scheduler still grants it and only finds out on delivery.
        racing.obtrudeException(new CancellationException("cancelled while the grant was on its way"));

        held.release(Outcome.SUCCESS);

        ProviderSnapshot stats = h.stats("openai");
        assertThat(next).as("the slot the racing call lost was handed on").isDone();
        assertThat(stats.inFlight()).isEqualTo(1);
        assertThat(stats.started()).isEqualTo(stats.inFlight() + stats.completed() + stats.failed() + stats.reclaimed());
    }

    @Test
    void cancellingAGrantedFutureDoesNotReleaseItsPermit() {
        PermitFuture granted = h.call("openai", "a");

        assertThat(granted.cancel(true)).isFalse();

        assertThat(granted.join().isActive()).isTrue();
        assertThat(h.stats("openai").inFlight()).isEqualTo(1);
    }

    @Test
    void aQueueTimeoutFailsTheCallWithAMessageThatExplains() {
        h.scheduler.setQueueTimeout("openai", Duration.ofSeconds(2));
        granted(h.call("openai", "a"));
        PermitFuture waiting = h.call("openai", "b");
        h.call("openai", "c");

        h.advance(Duration.ofMillis(1999));
        assertThat(waiting).isNotDone();
        h.advance(Duration.ofMillis(1));

        assertThat(waiting).isCompletedExceptionally();
        assertThatThrownBy(waiting::join).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(QueueTimeoutException.class)
                .hasMessageContaining("provider 'openai'")
                .hasMessageContaining("after waiting 2000 ms")
                .hasMessageContaining("limit 1")
                .hasMessageContaining("1 still queued");
        assertThat(h.stats("openai").timedOut()).isEqualTo(2);
        assertThat(h.stats("openai").queued()).isZero();
    }

    @Test
    void theCallersMaxWaitAppliesWhenShorterThanTheQueueTimeout() {
        h.scheduler.setQueueTimeout("openai", Duration.ofSeconds(10));
        granted(h.call("openai", "a"));
        PermitFuture impatient = h.scheduler.acquireAsync(
                CallRequest.of("openai", "b").withMaxWait(Duration.ofSeconds(3)));
        PermitFuture patient = h.scheduler.acquireAsync(
                CallRequest.of("openai", "c").withMaxWait(Duration.ofSeconds(30)));

        h.advance(Duration.ofSeconds(3));
        assertThat(impatient).isCompletedExceptionally();
        assertThat(patient).isNotDone();
        h.advance(Duration.ofSeconds(7));
        assertThat(patient).as("the provider's 10 s queue timeout is shorter").isCompletedExceptionally();
    }

    @Test
    void aGrantCancelsTheQueueTimeout() {
        h.scheduler.setQueueTimeout("openai", Duration.ofSeconds(2));
        Permit held = granted(h.call("openai", "a"));
        PermitFuture waiting = h.call("openai", "b");
        h.advance(Duration.ofSeconds(1));
        held.release(Outcome.SUCCESS);

        h.advance(Duration.ofSeconds(5));

        assertThat(granted(waiting).isActive()).isTrue();
        assertThat(h.stats("openai").timedOut()).isZero();
    }

    @Test
    void aTimeoutMessageMentionsAPause() {
        h.scheduler.setQueueTimeout("openai", Duration.ofSeconds(1));
        h.scheduler.pause("openai", 10_000);
        PermitFuture waiting = h.call("openai", "a");

        h.advance(Duration.ofSeconds(1));

        assertThatThrownBy(waiting::join).cause().hasMessageContaining("paused for another 9000 ms");
    }

    @Test
    void aBlockingCallInterruptedWhileQueuedLeavesTheQueue() throws Exception {
        Permit held = granted(h.call("openai", "a"));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread caller = new Thread(() -> {
            try {
                h.scheduler.acquire(CallRequest.of("openai", "b"));
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                done.countDown();
            }
        });
        caller.start();
        awaitQueued(1);

        caller.interrupt();

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(failure.get()).isInstanceOf(InterruptedException.class).hasMessageContaining("openai");
        assertThat(h.stats("openai").queued()).isZero();
        assertThat(h.stats("openai").cancelled()).isEqualTo(1);
        held.release(Outcome.SUCCESS);
        assertThat(h.stats("openai").inFlight()).isZero();
    }

    @Test
    void aBlockingCallIsWokenByTheRelease() throws Exception {
        Permit held = granted(h.call("openai", "a"));
        AtomicReference<Permit> got = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                got.set(h.scheduler.acquire(CallRequest.of("openai", "b")));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        caller.start();
        awaitQueued(1);

        held.release(Outcome.SUCCESS);

        caller.join(10_000);
        assertThat(got.get()).isNotNull();
        assertThat(got.get().isActive()).isTrue();
    }

    @Test
    void aBlockingCallTimesOutOnTheInjectedClock() throws Exception {
        h.scheduler.setQueueTimeout("openai", Duration.ofSeconds(30));
        granted(h.call("openai", "a"));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                h.scheduler.acquire(CallRequest.of("openai", "b"));
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        caller.start();
        awaitQueued(1);

        h.advance(Duration.ofSeconds(30));

        caller.join(10_000);
        assertThat(failure.get()).isInstanceOf(QueueTimeoutException.class).hasMessageContaining("30000 ms");
    }

    @Test
    void anAlreadyInterruptedThreadThatMustWaitFailsAtOnce() {
        granted(h.call("openai", "a"));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> h.scheduler.acquire(CallRequest.of("openai", "b")))
                    .isInstanceOf(InterruptedException.class);
            assertThat(h.stats("openai").queued()).isZero();
        } finally {
            Thread.interrupted();
        }
    }

    private void awaitQueued(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (h.stats("openai").queued() != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never reached " + expected + " queued: " + h.stats("openai"));
            }
            Thread.sleep(1);
        }
    }
}
