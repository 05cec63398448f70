package dev.turnstile.console.cli;

import dev.turnstile.console.model.BreakerStatus;
import dev.turnstile.console.model.ProviderStatus;
import dev.turnstile.console.model.TurnstileClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

@Command(name = "set-breaker", mixinStandardHelpOptions = true,
        description = {"Sets how many overload failures in a row (502, 503, 504, connection refused, reset or timed "
                + "out) pause a provider's queue until one probe call is answered; 0 turns the breaker off."})
final class SetBreakerCommand extends TargetCommand {

    @Parameters(index = "1", paramLabel = "<provider>", description = "the provider's id, e.g. openai")
    String provider;

    @Parameters(index = "2", paramLabel = "<failures>", converter = Converters.BreakerFailuresConverter.class,
            description = "overload failures in a row, a whole number ≥ 0; 0 = off")
    int failures;

    @Override
    int run(TurnstileClient client, PrintWriter out) {
        client.requireProvider(provider);
        int before = client.status().provider(provider).map(ProviderStatus::breaker).map(BreakerStatus::failures)
                .orElse(0);
        client.setBreakerFailures(provider, failures);
        out.println(provider + ": overload breaker " + text(before) + " -> " + text(failures));
        return 0;
    }

    private static String text(int failures) {
        return failures == 0 ? "off" : failures + " failures";
    }
}
