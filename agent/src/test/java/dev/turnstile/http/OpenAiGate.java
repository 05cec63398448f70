package dev.turnstile.http;

import dev.turnstile.config.HostPattern;
import dev.turnstile.config.ProviderConfig;
import dev.turnstile.config.TurnstileConfig;
import dev.turnstile.core.ProviderSettings;
import dev.turnstile.core.SchedulerSettings;
import dev.turnstile.core.SlotScheduler;
import dev.turnstile.core.time.TimerService;

import java.util.List;
import java.util.function.LongSupplier;

/** A gate with one provider, {@code openai} at {@code api.openai.com} with limit 2, and no timer. */
final class OpenAiGate {

    private static final TimerService NO_TIMER = (task, delay) -> () -> { };

    private OpenAiGate() {
    }

    static Gate of(boolean enabled, LongSupplier nanoClock) {
        ProviderConfig openai = ProviderConfig.builder("openai").hosts(List.of(HostPattern.parse("api.openai.com")))
                .limit(2).build();
        TurnstileConfig config = TurnstileConfig.builder().presets(false).enabled(enabled)
                .providers(List.of(openai)).build();
        SlotScheduler scheduler = new SlotScheduler(SchedulerSettings.defaults(), NO_TIMER);
        scheduler.addProvider(ProviderSettings.of("openai", 2));
        return new Gate(scheduler, config, nanoClock);
    }
}
