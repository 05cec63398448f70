package dev.turnstile.console.cli;

import dev.turnstile.console.model.TurnstileClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

@Command(name = "resume", mixinStandardHelpOptions = true, description = {"Ends a provider's pause now."})
final class ResumeCommand extends TargetCommand {

    @Parameters(index = "1", paramLabel = "<provider>", description = "the provider's id")
    String provider;

    @Override
    int run(TurnstileClient client, PrintWriter out) {
        client.resume(provider);
        out.println(provider + ": resumed");
        return 0;
    }
}
