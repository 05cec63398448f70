package dev.turnstile.console.cli;

import dev.turnstile.console.model.ProviderStatus;
import dev.turnstile.console.model.TurnstileClient;
import dev.turnstile.console.text.Formats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

@Command(name = "set-limit", mixinStandardHelpOptions = true,
        description = {"Sets a provider's concurrency limit. Raising it admits waiting calls at once; "
                + "lowering it cuts no call in flight."})
final class SetLimitCommand extends TargetCommand {

    @Parameters(index = "1", paramLabel = "<provider>", description = "the provider's id, e.g. openai")
    String provider;

    @Parameters(index = "2", paramLabel = "<limit>", converter = Converters.LimitConverter.class,
            description = "max concurrent calls, a whole number ≥ 0; 0 = unlimited")
    int limit;

    @Override
    int run(TurnstileClient client, PrintWriter out) {
        client.requireProvider(provider);
        int before = client.status().provider(provider).map(ProviderStatus::limit).orElse(0);
        client.setLimit(provider, limit);
        out.println(provider + ": limit " + Formats.limitText(before) + " -> " + Formats.limitText(limit));
        return 0;
    }
}
