package dev.turnstile.http;

import dev.turnstile.config.ConfigLoader;
import dev.turnstile.config.TurnstileConfig;
import dev.turnstile.control.SchedulerSettingsMapper;
import dev.turnstile.core.ProviderSnapshot;
import dev.turnstile.core.SlotScheduler;
import dev.turnstile.core.time.ExecutorTimerService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a failure ends a gated request of an event-loop client (Vert.x) that holds its slot (nothing is written: the request
 * and its context are not needed): the application's reset after the response head is a
 * completion, as an early close is on every client; any other failure, or a reset before the
 * head, fails the call. The slot goes back once.
 */
class DeferredWritesEndTest {

    private final ExecutorTimerService timer = new ExecutorTimerService("test-timer");
    private final TurnstileConfig config = ConfigLoader.load("presets=false;providers.t.hosts=llm.example;"
            + "providers.t.limit=1", Map.of(), Map.of()).config();
    private final SlotScheduler scheduler = new SlotScheduler(SchedulerSettingsMapper.settings(config), timer);
    private final Gate gate = new Gate(scheduler, config);

    DeferredWritesEndTest() {
        config.providers().values().forEach(provider -> scheduler.addProvider(SchedulerSettingsMapper.provider(provider)));
    }

    @AfterEach
    void stop() {
        timer.close();
    }

    private ProviderSnapshot provider() {
        return scheduler.snapshot().provider("t");
    }

    private DeferredWrites<Object> holding() throws Exception {
        GatedCall call = gate.open("POST", "https", "llm.example", 443, "/v1/chat", name -> null);
        call.acquire();
        return new DeferredWrites<>(call, null, Runnable::run);
    }

    @Test
    void theApplicationsResetAfterTheHeadCompletesTheCall() throws Exception {
        DeferredWrites<Object> request = holding();

        request.answered();
        request.resetByTheApplication();
        request.failed();
        request.failed(); // Vert.x may fail the request and its response: one end

        assertThat(provider().completed()).isEqualTo(1);
        assertThat(provider().failed()).isZero();
        assertThat(provider().inFlight()).isZero();
    }

    @Test
    void theApplicationsResetBeforeTheHeadFailsTheCall() throws Exception {
        DeferredWrites<Object> request = holding();

        request.resetByTheApplication();
        request.answered(); // a head racing the reset changes nothing
        request.failed();

        assertThat(provider().failed()).isEqualTo(1);
        assertThat(provider().completed()).isZero();
    }

    @Test
    void anyOtherFailureAfterTheHeadFailsTheCall() throws Exception {
        DeferredWrites<Object> request = holding();

        request.answered();
        request.failed(); // a peer's reset, a closed connection, an idle timeout

        assertThat(provider().failed()).isEqualTo(1);
        assertThat(provider().completed()).isZero();
        assertThat(provider().inFlight()).isZero();
    }
}
