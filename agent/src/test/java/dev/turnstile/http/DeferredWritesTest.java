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
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request written in steps waits for its slot with its writes held in order, against a real
 * scheduler on fake time: one slot for provider "openai", taken by a holder where a request must wait.
 */
class DeferredWritesTest {

    private static final Duration QUEUE_TIMEOUT = Duration.ofSeconds(30);

    private final FakeTime time = new FakeTime();
    private final SlotScheduler scheduler = new SlotScheduler(SchedulerSettings.defaults(), time);
    private final List<String> events = new CopyOnWriteArrayList<>();

    DeferredWritesTest() {
        scheduler.addProvider(ProviderSettings.of("openai", 1).withQueueTimeout(QUEUE_TIMEOUT));
    }

    private GatedCall call() {
        return new GatedCall(scheduler, CallRequest.of("openai", "agent"), BackoffConfig.defaults());
    }

    private ProviderSnapshot stats() {
        return scheduler.snapshot().provider("openai");
    }

    /** Records what the client was asked to do; writing "head" makes the request write "more" itself. */
    private final class Recording implements DeferredWrites.Writer<String> {
        DeferredWrites<String> writes;

        @Override
        public void write(String write) {
            events.add("write " + write);
            if (write.equals("head")) {
                assertThat(writes.deferIfWaiting("more")).as("a write made while the waiting ones go out").isFalse();
            }
        }

        @Override
        public void fail(String write, Throwable why) {
            events.add("fail " + write + " " + why.getClass().getSimpleName());
        }

        @Override
        public void failRequest(String first, Throwable why) {
            events.add("fail request of " + first + " " + why.getClass().getSimpleName());
        }
    }

    private DeferredWrites<String> writes(GatedCall call) {
        Recording writer = new Recording();
        writer.writes = new DeferredWrites<>(call, writer, Runnable::run);
        return writer.writes;
    }

    private GatedCall holdTheSlot() throws IOException {
        GatedCall holder = call();
        holder.acquire();
        return holder;
    }

    @Test
    void withAFreeSlotEveryWriteGoesOutAtOnce() {
        DeferredWrites<String> writes = writes(call());

        assertThat(writes.deferFirst("head")).isFalse();
        assertThat(writes.deferIfWaiting("end")).isFalse();
        assertThat(stats().inFlight()).isEqualTo(1);
        assertThat(events).isEmpty();
    }

    @Test
    void aWaitingRequestsWritesGoOutInOrderWhenItsSlotIsGranted() throws Exception {
        GatedCall holder = holdTheSlot();
        DeferredWrites<String> writes = writes(call());

        assertThat(writes.deferFirst("head")).isTrue();
        assertThat(writes.deferIfWaiting("chunk")).isTrue();
        assertThat(writes.deferIfWaiting("end")).isTrue();
        assertThat(events).isEmpty();
        assertThat(stats().queued()).isEqualTo(1);

        holder.complete();

        assertThat(events).containsExactly("write head", "write chunk", "write end");
        assertThat(writes.deferIfWaiting("after")).as("once granted, writes go straight through").isFalse();
        assertThat(stats().inFlight()).isEqualTo(1);
    }

    @Test
    void aQueueTimeoutFailsEachWaitingWriteThenTheRequest() throws Exception {
        holdTheSlot();
        DeferredWrites<String> writes = writes(call());
        writes.deferFirst("head");
        writes.deferIfWaiting("end");

        time.advance(QUEUE_TIMEOUT);

        assertThat(events).containsExactly("fail head IOException", "fail end IOException", "fail request of head IOException");
        assertThat(stats().queued()).isZero();
    }

    @Test
    void theRequestFailingWhileItWaitsWithdrawsItAndNothingIsWritten() throws Exception {
        GatedCall holder = holdTheSlot();
        DeferredWrites<String> writes = writes(call());
        writes.deferFirst("head");

        writes.failed();
        holder.complete();

        assertThat(events).containsExactly("fail head " + CancellationException.class.getSimpleName(),
                "fail request of head " + CancellationException.class.getSimpleName());
        assertThat(stats().queued()).isZero();
        assertThat(stats().inFlight()).isZero();
    }

    @Test
    void theRequestFailingAfterItsWritesWentOutEndsItsCall() throws Exception {
        GatedCall holder = holdTheSlot();
        GatedCall call = call();
        DeferredWrites<String> writes = writes(call);
        writes.deferFirst("head");
        holder.complete();

        writes.failed();

        assertThat(call.isEnded()).isTrue();
        assertThat(stats().inFlight()).isZero();
    }
}
