package dev.turnstile.console.cli;

import dev.turnstile.console.model.ProviderStatus;
import dev.turnstile.console.model.TurnstileClient;
import dev.turnstile.console.text.Formats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Duration;

@Command(name = "pause", mixinStandardHelpOptions = true,
        description = {"Pauses a provider's queue: calls in flight go on, queued and new calls wait. "
                + "A pause never shortens a running one."})
final class PauseCommand extends TargetCommand {

    @Parameters(index = "1", paramLabel = "<provider>", description = "the provider's id")
    String provider;

    @Parameters(index = "2", paramLabel = "<duration>", converter = Converters.DurationConverter.class,
            description = "how long: " + Formats.DURATION_FORMS)
    Duration duration;

    @Override
    int run(TurnstileClient client, PrintWriter out) {
        client.pause(provider, duration);
        long left = client.status().provider(provider).map(ProviderStatus::pauseRemainingMillis).orElse(0L);
        out.println(provider + ": paused, " + Formats.millis(left) + " left");
        return 0;
    }
}
