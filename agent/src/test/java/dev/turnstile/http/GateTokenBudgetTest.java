package dev.turnstile.http;

import dev.turnstile.config.HostPattern;
import dev.turnstile.config.ProviderConfig;
import dev.turnstile.config.TurnstileConfig;
import dev.turnstile.control.SchedulerSettingsMapper;
import dev.turnstile.core.SchedulerSettings;
import dev.turnstile.core.SlotScheduler;
import dev.turnstile.core.time.TimerService;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A provider with a token budget: the request's size is the estimate, the answer's usage corrects it. */
class GateTokenBudgetTest {

    private static final TimerService NO_TIMER = (task, delay) -> () -> { };
    private static final String ANSWER = "{\"choices\":[],\"usage\":{\"prompt_tokens\":30,\"completion_tokens\":12,"
            + "\"total_tokens\":42}}";

    private final SlotScheduler scheduler = new SlotScheduler(SchedulerSettings.defaults(), NO_TIMER);

    private Gate gate(long tpm) {
        ProviderConfig vllm = ProviderConfig.builder("vllm").hosts(List.of(HostPattern.parse("gpu1:8000"))).tpm(tpm).build();
        scheduler.addProvider(SchedulerSettingsMapper.provider(vllm));
        return new Gate(scheduler, TurnstileConfig.builder().presets(false).providers(List.of(vllm)).build());
    }

    private long tokensInWindow() {
        return scheduler.snapshot("vllm").tokensInWindow();
    }

    @Test
    void theBodySizeIsTheEstimateAndTheAnswersUsageReplacesIt() throws IOException {
        GatedCall call = gate(10_000).open("POST", "http", "gpu1", 8000, "/v1/chat/completions", null, 4_000);
        call.acquire();
        assertThat(tokensInWindow()).isEqualTo(1_000);

        call.onResponse(200, HeaderLookup.of(Map.of()));
        byte[] read = new ReleasingInputStream(new ByteArrayInputStream(ANSWER.getBytes(StandardCharsets.UTF_8)), call, null)
                .readAllBytes();

        assertThat(new String(read, StandardCharsets.UTF_8)).as("the application reads every byte unchanged").isEqualTo(ANSWER);
        assertThat(tokensInWindow()).isEqualTo(42);
    }

    @Test
    void theContentLengthHeaderIsTheEstimateWhenTheClientGivesNoSize() throws IOException {
        GatedCall call = gate(10_000).open("POST", "http", "gpu1", 8000, "/v1/chat/completions",
                HeaderLookup.of(Map.of("Content-Length", "400")));
        call.acquire();

        assertThat(tokensInWindow()).isEqualTo(100);
    }

    @Test
    void anAnswerWithoutUsageKeepsTheEstimate() throws IOException {
        GatedCall call = gate(10_000).open("POST", "http", "gpu1", 8000, "/v1/chat/completions", null, -1);
        call.acquire();
        call.onResponse(200, HeaderLookup.of(Map.of()));
        new ReleasingInputStream(new ByteArrayInputStream("not json".getBytes(StandardCharsets.UTF_8)), call, null)
                .readAllBytes();

        assertThat(tokensInWindow()).isEqualTo(TokenEstimate.UNKNOWN_SIZE_TOKENS);
    }

    @Test
    void withoutATokenBudgetNoBodyIsPeeked() throws IOException {
        ProviderConfig vllm = ProviderConfig.builder("vllm").hosts(List.of(HostPattern.parse("gpu1:8000"))).rpm(5).build();
        scheduler.addProvider(SchedulerSettingsMapper.provider(vllm));
        Gate gate = new Gate(scheduler, TurnstileConfig.builder().presets(false).providers(List.of(vllm)).build());
        GatedCall call = gate.open("POST", "http", "gpu1", 8000, "/v1/chat/completions", null, 4_000);
        call.acquire();
        call.onResponse(200, HeaderLookup.of(Map.of()));

        assertThat(call.bodyPeek()).isNull();
        assertThat(scheduler.snapshot("vllm").requestsInWindow()).isEqualTo(1);
    }
}
