package dev.turnstile.http;

import dev.turnstile.config.BackoffConfig;
import dev.turnstile.core.CallRequest;
import dev.turnstile.core.FakeTime;
import dev.turnstile.core.ProviderSettings;
import dev.turnstile.core.ProviderSnapshot;
import dev.turnstile.core.SchedulerSettings;
import dev.turnstile.core.SlotScheduler;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one protocol of asynchronous clients, against a real scheduler on fake time: one slot for
 * provider "openai", held by {@link #holder} where a test needs the next call to wait.
 */
class DeferredExchangeTest {

    private static final Duration QUEUE_TIMEOUT = Duration.ofSeconds(30);
    private static final long BOUND_SECONDS = 20;

    private final FakeTime time = new FakeTime();
    private final SlotScheduler scheduler = new SlotScheduler(SchedulerSettings.defaults(), time);
    /** The call holding the slot, once {@link #waitingBehindTheHolder} took it. */
    private GatedCall holder;

    DeferredExchangeTest() {
        scheduler.addProvider(ProviderSettings.of("openai", 1).withQueueTimeout(QUEUE_TIMEOUT));
    }

    private GatedCall call() {
        return new GatedCall(scheduler, CallRequest.of("openai", "agent"), BackoffConfig.defaults());
    }

    private ProviderSnapshot stats() {
        return scheduler.snapshot().provider("openai");
    }

    /** A new holder takes the slot, and {@code call}'s exchange waits behind it. */
    private DeferredExchange waitingBehindTheHolder(GatedCall call) throws IOException {
        holder = call();
        holder.acquire();
        DeferredExchange exchange = DeferredExchange.request(call);
        assertThat(exchange.grantedAtOnce()).isFalse();
        return exchange;
    }

    @Test
    void aFreeSlotIsGrantedAtOnceAndAStartHandedOverRunsAtOnceOnTheCallersThread() {
        DeferredExchange exchange = DeferredExchange.request(call());
        Recording client = new Recording();

        assertThat(exchange.grantedAtOnce()).isTrue();
        assertThat(stats().inFlight()).isEqualTo(1);

        exchange.startWhenGranted(client);

        assertThat(client.events).containsExactly("start");
        assertThat(client.startThread).isSameAs(Thread.currentThread());
    }

    @Test
    void aQueuedExchangeStartsOnceOnTheThreadThatReleasedTheSlot() throws Exception {
        GatedCall call = call();
        DeferredExchange exchange = waitingBehindTheHolder(call);
        Recording client = new Recording();
        exchange.startWhenGranted(client);

        assertThat(client.events).isEmpty();
        assertThat(stats().queued()).isEqualTo(1);

        Thread releaser = runAndWait("releaser", holder::complete);

        assertThat(client.events).containsExactly("start");
        assertThat(client.startThread).isSameAs(releaser);
        assertThat(stats().inFlight()).as("the started exchange holds the slot").isEqualTo(1);
        assertThat(stats().queued()).isZero();

        call.complete();

        assertThat(stats().inFlight()).isZero();
        assertThat(stats().completed()).isEqualTo(2);
    }

    @Test
    void theStartRunsAfterTheSchedulersLockIsReleasedSoItMayStartOtherCalls() throws Exception {
        DeferredExchange exchange = waitingBehindTheHolder(call());
        Recording client = new Recording() {
            @Override
            public void start() throws Exception {
                super.start();
                // Another thread takes the scheduler's lock: this would wait forever if we held it.
                CompletableFuture.supplyAsync(scheduler::snapshot).get(BOUND_SECONDS, TimeUnit.SECONDS);
                call().acquireAsync();
            }
        };
        exchange.startWhenGranted(client);

        holder.complete();

        assertThat(client.events).containsExactly("start");
        assertThat(stats().queued()).as("the call the start made waits for the slot").isEqualTo(1);
    }

    @Test
    void theGrantingThreadsInterruptDoesNotReachTheStartAndStaysWithThatThread() throws Exception {
        DeferredExchange exchange = waitingBehindTheHolder(call());
        AtomicBoolean interruptedAtStart = new AtomicBoolean(true);
        AtomicBoolean releaserStillInterrupted = new AtomicBoolean();
        exchange.startWhenGranted(new Recording() {
            @Override
            public void start() throws Exception {
                super.start();
                interruptedAtStart.set(Thread.currentThread().isInterrupted());
            }
        });

        runAndWait("interrupted releaser", () -> {
            Thread.currentThread().interrupt();
            holder.complete();
            releaserStillInterrupted.set(Thread.currentThread().isInterrupted());
        });

        assertThat(interruptedAtStart).isFalse();
        assertThat(releaserStillInterrupted).isTrue();
    }

    @Test
    void cancellingAQueuedExchangeWithdrawsItAndItNeverStarts() throws Exception {
        DeferredExchange exchange = waitingBehindTheHolder(call());
        Recording client = new Recording();
        exchange.startWhenGranted(client);

        assertThat(exchange.cancel(false)).isTrue();
        assertThat(exchange.cancel(false)).as("a second cancel finds nothing to withdraw").isFalse();

        assertThat(client.events).containsExactly("fail CancellationException");
        assertThat(stats().queued()).isZero();
        assertThat(stats().cancelled()).isEqualTo(1);

        holder.complete();

        assertThat(client.events).hasSize(1);
        assertThat(stats().inFlight()).isZero();
        assertThat(stats().started()).as("only the holder ever started").isEqualTo(1);
        assertThat(stats().completed()).isEqualTo(1);
        assertThat(stats().failed()).isZero();
    }

    @Test
    void aCancelBeforeTheClientIsHandedOverStillTellsIt() throws Exception {
        DeferredExchange exchange = waitingBehindTheHolder(call());
        Recording client = new Recording();

        exchange.cancel(false);
        exchange.startWhenGranted(client);

        assertThat(client.events).containsExactly("fail CancellationException");
        assertThat(stats().queued()).isZero();
    }

    @Test
    void aSlotGrantedThenCancelledBeforeTheClientIsHandedOverGoesBack() throws Exception {
        DeferredExchange exchange = waitingBehindTheHolder(call());
        Recording client = new Recording();
        holder.complete();
        assertThat(stats().inFlight()).as("granted, nobody to start yet").isEqualTo(1);

        assertThat(exchange.cancel(false)).isTrue();
        exchange.startWhenGranted(client);

        assertThat(client.events).containsExactly("fail CancellationException");
        assertThat(stats().inFlight()).isZero();
    }

    @Test
    void aCancelRacingTheGrantNeverLeaksTheSlotAndTheExchangeStartsOrFailsOnce() throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        for (int round = 0; round < 300; round++) {
            GatedCall call = call();
            DeferredExchange exchange = waitingBehindTheHolder(call);
            Recording client = new Recording() {
                @Override
                public void cancelStarted(boolean mayInterruptIfRunning) {
                    super.cancelStarted(mayInterruptIfRunning);
                    call.fail(); // what a client's own cancel does to its exchange
                }
            };
            exchange.startWhenGranted(client);

            Thread releaser = start("releaser", () -> awaitThen(together, holder::complete));
            Thread canceller = start("canceller", () -> awaitThen(together, () -> exchange.cancel(true)));
            join(releaser);
            join(canceller);

            String what = "round " + round + ": " + client.events;
            if (client.events.contains("start")) {
                assertThat(client.events).as(what).containsExactly("start", "cancelStarted true");
            } else {
                assertThat(client.events).as(what).containsExactly("fail CancellationException");
            }
            assertThat(stats().inFlight()).as(what).isZero();
            assertThat(stats().queued()).as(what).isZero();
        }
    }

    @Test
    void aCancelWhileTheStartRunsReachesTheExchangeOnceTheStartReturned() throws Exception {
        DeferredExchange exchange = waitingBehindTheHolder(call());
        Recording client = new Recording() {
            @Override
            public void start() throws Exception {
                super.start();
                exchange.cancel(true); // as if another thread cancelled right now
                events.add("started");
            }
        };
        exchange.startWhenGranted(client);

        holder.complete();
        exchange.cancel(false);

        assertThat(client.events).containsExactly("start", "started", "cancelStarted true");
    }

    @Test
    void theQueueTimeoutFailsTheExchangeWithAnIOExceptionSayingWhy() throws Exception {
        DeferredExchange exchange = waitingBehindTheHolder(call());
        Recording client = new Recording();
        exchange.startWhenGranted(client);

        time.advance(QUEUE_TIMEOUT);

        assertThat(client.events).containsExactly("fail IOException");
        assertThat(client.failure).hasMessageContaining("no slot for provider 'openai'")
                .hasMessageContaining("still queued");
        assertThat(stats().timedOut()).isEqualTo(1);
        assertThat(stats().queued()).isZero();
        assertThat(exchange.cancel(true)).as("nothing left to withdraw").isFalse();
        assertThat(client.events).hasSize(1);
    }

    @Test
    void aStartThatThrowsGivesTheSlotBackAndFailsTheExchangeWithWhatItThrew() throws Exception {
        DeferredExchange exchange = waitingBehindTheHolder(call());
        IllegalStateException thrown = new IllegalStateException("client shut down");
        Recording client = new Recording() {
            @Override
            public void start() throws Exception {
                super.start();
                throw thrown;
            }
        };
        exchange.startWhenGranted(client);

        holder.complete();

        assertThat(client.events).containsExactly("start", "fail IllegalStateException");
        assertThat(client.failure).isSameAs(thrown);
        assertThat(stats().inFlight()).isZero();
        assertThat(stats().failed()).isEqualTo(1);
    }

    @Test
    void aFailingClientCallbackNeverReachesTheThreadThatDecided() throws Exception {
        DeferredExchange exchange = waitingBehindTheHolder(call());
        exchange.startWhenGranted(new Recording() {
            @Override
            public void fail(Throwable why) {
                super.fail(why);
                throw new IllegalStateException("the application's callback threw");
            }
        });

        assertThat(exchange.cancel(false)).isTrue();
        holder.complete();

        assertThat(stats().inFlight()).isZero();
    }

    @Test
    void withAnExecutorTheStartRunsThereAndACancelWhileItWaitsThereMeansItNeverStarts() throws Exception {
        Queue<Runnable> loop = new ArrayDeque<>();
        GatedCall firstCall = call();
        DeferredExchange started = waitingBehindTheHolder(firstCall);
        Recording first = new Recording();
        started.startWhenGranted(first, loop::add);

        holder.complete();

        assertThat(first.events).as("waits for the executor").isEmpty();
        loop.poll().run();
        assertThat(first.events).containsExactly("start");
        assertThat(first.startThread).isSameAs(Thread.currentThread());

        DeferredExchange cancelled = DeferredExchange.request(call());
        Recording client = new Recording();
        cancelled.startWhenGranted(client, loop::add);
        firstCall.complete(); // the second is granted: its start waits for the executor
        assertThat(stats().inFlight()).isEqualTo(1);

        assertThat(cancelled.cancel(false)).as("too late to withdraw from the queue").isFalse();
        loop.poll().run();

        assertThat(client.events).containsExactly("fail CancellationException");
        assertThat(stats().inFlight()).isZero();
    }

    @Test
    void anExecutorThatRefusesTheStartFailsTheExchangeAndGivesTheSlotBack() throws Exception {
        DeferredExchange exchange = waitingBehindTheHolder(call());
        Recording client = new Recording();
        exchange.startWhenGranted(client, task -> {
            throw new RejectedExecutionException("event loop shut down");
        });

        holder.complete();

        assertThat(client.events).containsExactly("fail RejectedExecutionException");
        assertThat(stats().inFlight()).isZero();
    }

    /** Records what the exchange was told, in order, and the thread that started it. */
    private static class Recording implements DeferredExchange.Client {
        final List<String> events = new CopyOnWriteArrayList<>();
        volatile Thread startThread;
        volatile Throwable failure;

        @Override
        public void start() throws Exception {
            startThread = Thread.currentThread();
            events.add("start");
        }

        @Override
        public void fail(Throwable why) {
            failure = why;
            events.add("fail " + why.getClass().getSimpleName());
        }

        @Override
        public void cancelStarted(boolean mayInterruptIfRunning) {
            events.add("cancelStarted " + mayInterruptIfRunning);
        }
    }

    private static Thread start(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.start();
        return thread;
    }

    private static void join(Thread thread) throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(BOUND_SECONDS));
        assertThat(thread.isAlive()).as(thread.getName() + " finished").isFalse();
    }

    private static Thread runAndWait(String name, Runnable task) throws InterruptedException {
        Thread thread = start(name, task);
        join(thread);
        return thread;
    }

    private static void awaitThen(CyclicBarrier barrier, Runnable task) {
        try {
            barrier.await(BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        task.run();
    }
}
