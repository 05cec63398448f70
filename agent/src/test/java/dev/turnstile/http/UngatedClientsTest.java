package dev.turnstile.http;

import dev.turnstile.config.HostPattern;
import dev.turnstile.config.ProviderConfig;
import dev.turnstile.config.TurnstileConfig;
import dev.turnstile.core.ProviderSettings;
import dev.turnstile.core.SchedulerSettings;
import dev.turnstile.core.SlotScheduler;
import dev.turnstile.core.time.TimerService;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UngatedClientsTest {

    private static final TimerService NO_TIMER = (task, delay) -> () -> { };
    private static final String WHY = "it cannot be gated";

    private static UngatedClients reporter(boolean enabled) {
        ProviderConfig openai = ProviderConfig.builder("openai").hosts(List.of(HostPattern.parse("api.openai.com")))
                .limit(2).build();
        TurnstileConfig config = TurnstileConfig.builder().presets(false).enabled(enabled)
                .providers(List.of(openai)).build();
        SlotScheduler scheduler = new SlotScheduler(SchedulerSettings.defaults(), NO_TIMER);
        scheduler.addProvider(ProviderSettings.of("openai", 2));
        return new UngatedClients(new Gate(scheduler, config));
    }

    @Test
    void aProviderReachedByAClientIsReportedOncePerClientClass() {
        UngatedClients ungated = reporter(true);

        assertThat(ungated.reached("a.Minimal", "https", "api.openai.com", -1, WHY)).isTrue();
        assertThat(ungated.reached("a.Minimal", "https", "api.openai.com", 443, WHY)).as("the same, again").isFalse();
        assertThat(ungated.reached("b.Custom", "https", "api.openai.com", -1, WHY)).as("another client").isTrue();
    }

    @Test
    void otherHostsAndADisabledAgentAreNeverReported() {
        assertThat(reporter(true).reached("a.Minimal", "https", "example.com", -1, WHY)).isFalse();
        assertThat(reporter(false).reached("a.Minimal", "https", "api.openai.com", -1, WHY)).isFalse();
    }
}
