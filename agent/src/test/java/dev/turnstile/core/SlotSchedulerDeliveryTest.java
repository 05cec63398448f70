package dev.turnstile.core;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static dev.turnstile.core.SchedulerHarness.granted;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A grant is delivered on the thread that made room, often an application thread releasing its
 * own slot; what that thread carries must not leak into the call that was waiting.
 */
class SlotSchedulerDeliveryTest {

    /** Found by the soak: an Apache async call started on an interrupted releasing thread failed at once. */
    @Test
    void anAsyncCallGrantedByAnInterruptedReleasingThreadStartsUninterrupted() {
        SchedulerHarness h = new SchedulerHarness().provider("openai", 1);
        Permit holder = granted(h.call("openai", "a"));
        AtomicReference<Boolean> interruptedAtStart = new AtomicReference<>();
        h.call("openai", "b").thenRun(() -> interruptedAtStart.set(Thread.currentThread().isInterrupted()));

        Thread.currentThread().interrupt(); // the releasing caller was interrupted while it read its answer
        try {
            holder.release(Outcome.SUCCESS);
            assertThat(Thread.currentThread().isInterrupted()).as("the releasing thread keeps its interrupt").isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(interruptedAtStart.get()).as("the waiting call ran its start on the releasing thread").isFalse();
    }
}
