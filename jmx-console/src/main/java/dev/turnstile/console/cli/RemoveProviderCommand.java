package dev.turnstile.console.cli;

import dev.turnstile.console.model.TurnstileClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

@Command(name = "remove-provider", mixinStandardHelpOptions = true,
        description = {"Removes a provider: its queued calls go through ungated, calls in flight end normally."})
final class RemoveProviderCommand extends TargetCommand {

    @Parameters(index = "1", paramLabel = "<id>", description = "the provider's id")
    String id;

    @Override
    int run(TurnstileClient client, PrintWriter out) {
        client.removeProvider(id);
        out.println("provider " + id + " removed");
        return 0;
    }
}
