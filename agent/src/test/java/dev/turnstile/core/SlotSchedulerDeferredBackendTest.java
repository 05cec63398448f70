package dev.turnstile.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The scheduler on a backend whose decisions come later, as a shared (networked) backend's would:
 * every request is answered "queued", and the grant arrives from another thread. Proves the
 * scheduler's side of the seam: late grants wake blocking and asynchronous callers, calls that
 * gave up meanwhile refuse their grant, and the backend hears of every withdrawal and release.
 */
class SlotSchedulerDeferredBackendTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Records what it is asked under the scheduler's lock; grants only when the test says so. */
    private static final class DeferredBackend implements SlotBackend {
        final BlockingQueue<SlotTicket> requests = new LinkedBlockingQueue<>();
        final List<SlotTicket> withdrawn = new CopyOnWriteArrayList<>();
        final List<String> released = new CopyOnWriteArrayList<>();
        final List<SlotTicket> givenBack = new CopyOnWriteArrayList<>();
        private volatile Grants grants;

        @Override
        public void bind(Grants grants) {
            this.grants = grants;
        }

        @Override
        public Answer request(SlotTicket ticket) {
            requests.add(ticket);
            return Answer.QUEUED;
        }

        @Override
        public void withdraw(SlotTicket ticket) {
            withdrawn.add(ticket);
        }

        @Override
        public void release(Permit permit, long cooldownNanos) {
            released.add(permit.providerId());
        }

        @Override
        public void dispatch() {
        }

        SlotTicket nextRequest() throws InterruptedException {
            SlotTicket ticket = requests.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(ticket).as("a request within %s", WAIT).isNotNull();
            return ticket;
        }

        /** The grant notice arrives, on the calling thread, which holds no lock. */
        boolean grant(SlotTicket ticket) {
            boolean taken = grants.granted(ticket);
            if (!taken) {
                givenBack.add(ticket);
            }
            return taken;
        }

        /** The same, from a thread of the backend's own. */
        boolean grantFromAnotherThread(SlotTicket ticket) throws InterruptedException {
            AtomicReference<Boolean> taken = new AtomicReference<>();
            Thread reader = new Thread(() -> taken.set(grant(ticket)), "backend-reader");
            reader.start();
            reader.join(WAIT.toMillis());
            assertThat(taken.get()).as("the reader finished within %s", WAIT).isNotNull();
            return taken.get();
        }
    }

    private final FakeTime time = new FakeTime();
    private final DeferredBackend backend = new DeferredBackend();
    private final SlotScheduler scheduler = new SlotScheduler(SchedulerSettings.defaults(), time, time, new Random(1),
            SlotCounter.Factory.local(), null, backend);

    SlotSchedulerDeferredBackendTest() {
        scheduler.addProvider(ProviderSettings.of("openai", 1));
    }

    @Test
    void evenAnUncontendedCallIsATicketWhenTheBackendCannotDecideAtOnce() throws Exception {
        PermitFuture future = scheduler.acquireAsync(CallRequest.withTurnStart("openai", "a", 42));

        SlotTicket ticket = backend.nextRequest();

        assertThat(future).isNotDone();
        assertThat(ticket.providerId()).isEqualTo("openai");
        assertThat(ticket.turnStartMillis()).isEqualTo(42);
        assertThat(scheduler.snapshot().provider("openai").queued()).isEqualTo(1);
    }

    @Test
    void ticketsCarryTheirPlaceInLine() throws Exception {
        scheduler.acquireAsync(CallRequest.withTurnStart("openai", "a", 42));
        scheduler.acquireAsync(CallRequest.withTurnStart("openai", "b", 42));

        SlotTicket first = backend.nextRequest();
        SlotTicket second = backend.nextRequest();

        assertThat(second.sequence()).isGreaterThan(first.sequence());
    }

    @Test
    void aLateGrantFromAnotherThreadWakesABlockedCaller() throws Exception {
        AtomicReference<Permit> got = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                got.set(scheduler.acquire(CallRequest.of("openai", "a")));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        caller.start();
        SlotTicket ticket = backend.nextRequest();

        assertThat(backend.grantFromAnotherThread(ticket)).isTrue();
        caller.join(WAIT.toMillis());

        assertThat(got.get()).isNotNull();
        assertThat(got.get().isActive()).isTrue();
        assertThat(scheduler.snapshot().provider("openai").inFlight()).isEqualTo(1);
        got.get().release(Outcome.SUCCESS);
        assertThat(backend.released).containsExactly("openai");
    }

    @Test
    void aLateGrantCompletesAnAsyncCallOnTheThreadThatDeliversIt() throws Exception {
        PermitFuture future = scheduler.acquireAsync(CallRequest.of("openai", "a"));
        AtomicReference<String> ranOn = new AtomicReference<>();
        future.thenRun(() -> ranOn.set(Thread.currentThread().getName()));

        backend.grantFromAnotherThread(backend.nextRequest());

        assertThat(future).isDone();
        assertThat(ranOn.get()).isEqualTo("backend-reader");
        assertThat(scheduler.snapshot().provider("openai").started()).isEqualTo(1);
    }

    @Test
    void aCallCancelledBeforeItsGrantArrivesRefusesItAndTheBackendKeepsTheSlot() throws Exception {
        PermitFuture future = scheduler.acquireAsync(CallRequest.of("openai", "a"));
        SlotTicket ticket = backend.nextRequest();

        future.cancel(false);

        assertThat(backend.withdrawn).containsExactly(ticket);
        assertThat(backend.grantFromAnotherThread(ticket)).isFalse();
        assertThat(backend.givenBack).containsExactly(ticket);
        ProviderSnapshot stats = scheduler.snapshot().provider("openai");
        assertThat(stats.started()).isZero();
        assertThat(stats.cancelled()).isEqualTo(1);
        assertThat(backend.released).as("the scheduler never held those slots").isEmpty();
    }

    @Test
    void aQueueTimeoutWithdrawsTheTicket() throws Exception {
        scheduler.setQueueTimeout("openai", Duration.ofSeconds(1));
        PermitFuture future = scheduler.acquireAsync(CallRequest.of("openai", "a"));
        SlotTicket ticket = backend.nextRequest();

        time.advance(Duration.ofSeconds(1));

        assertThatThrownBy(future::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(QueueTimeoutException.class);
        assertThat(backend.withdrawn).containsExactly(ticket);
        assertThat(backend.grant(ticket)).isFalse();
    }

    @Test
    void removingTheProviderLetsItsTicketsThroughUngatedAndWithdrawsThem() throws Exception {
        PermitFuture future = scheduler.acquireAsync(CallRequest.of("openai", "a"));
        SlotTicket ticket = backend.nextRequest();

        scheduler.removeProvider("openai");

        assertThat(future.join().isGated()).isFalse();
        assertThat(backend.withdrawn).containsExactly(ticket);
        assertThat(backend.grant(ticket)).isFalse();
    }

    @Test
    void aCallerInterruptedWhileWaitingForALateGrantWithdrawsIt() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                scheduler.acquire(CallRequest.of("openai", "a"));
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        caller.start();
        SlotTicket ticket = backend.nextRequest();

        caller.interrupt();
        caller.join(WAIT.toMillis());

        assertThat(failure.get()).isInstanceOf(InterruptedException.class);
        assertThat(backend.withdrawn).containsExactly(ticket);
        assertThat(backend.grant(ticket)).isFalse();
    }
}
