package dev.turnstile.http;

import dev.turnstile.config.HostPattern;
import dev.turnstile.config.ProviderConfig;
import dev.turnstile.config.TurnstileConfig;
import dev.turnstile.core.ProviderSettings;
import dev.turnstile.core.ProviderSnapshot;
import dev.turnstile.core.SchedulerSettings;
import dev.turnstile.core.SlotScheduler;
import dev.turnstile.core.time.TimerService;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body dropped unclosed frees its slot once the garbage collector finds it. Collection is the
 * JVM's business, so the tests ask for it in a bounded loop and wait on the outcome.
 */
class UnclosedBodiesTest {

    private static final TimerService NO_TIMER = (task, delay) -> () -> { };

    private final SlotScheduler scheduler = new SlotScheduler(SchedulerSettings.defaults(), NO_TIMER);
    private final Gate gate;

    UnclosedBodiesTest() {
        scheduler.addProvider(ProviderSettings.of("openai", 1));
        gate = new Gate(scheduler, TurnstileConfig.builder().presets(false).providers(List.of(
                ProviderConfig.builder("openai").hosts(List.of(HostPattern.parse("api.openai.com"))).limit(1).build()))
                .build());
    }

    private GatedCall startedCall() throws Exception {
        GatedCall call = gate.open("POST", "https", "api.openai.com", -1, "/v1/chat", null);
        call.acquire();
        return call;
    }

    private static InputStream watchedBody(GatedCall call) {
        InputStream body = new ReleasingInputStream(new ByteArrayInputStream(new byte[] {1, 2, 3}), call, null);
        UnclosedBodies.watch(body, call);
        return body;
    }

    /** Drops its body at once: the stream is never stored anywhere. */
    private void readOneByteAndDrop(GatedCall call) throws Exception {
        assertThat(watchedBody(call).read()).isEqualTo(1);
    }

    private ProviderSnapshot stats() {
        return scheduler.snapshot().provider("openai");
    }

    private static boolean collectUntil(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            System.gc();
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }

    @Test
    void aBodyDroppedUnclosedFreesItsSlotAndIsCountedAsAbandonedAndReclaimed() throws Exception {
        GatedCall call = startedCall();
        readOneByteAndDrop(call);

        assertThat(collectUntil(call::isEnded)).as("the cleaner ended the call").isTrue();

        assertThat(collectUntil(() -> stats().inFlight() == 0)).isTrue();
        ProviderSnapshot stats = stats();
        assertThat(stats.abandoned()).isEqualTo(1);
        assertThat(stats.reclaimed()).isEqualTo(1);
        assertThat(stats.completed()).isZero();
        assertThat(stats.started()).isEqualTo(stats.completed() + stats.failed() + stats.reclaimed());
    }

    @Test
    void aBodyClosedBeforeItIsCollectedCountsAsCompletedOnly() throws Exception {
        GatedCall call = startedCall();
        watchedBody(call).close();
        GatedCall marker = startedCall(); // the slot came back at close
        readOneByteAndDrop(marker);

        assertThat(collectUntil(marker::isEnded)).as("a later body was collected").isTrue();

        ProviderSnapshot stats = stats();
        assertThat(stats.completed()).isEqualTo(1);
        assertThat(stats.abandoned()).as("only the dropped one").isEqualTo(1);
    }
}
