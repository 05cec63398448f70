package dev.turnstile.console.cli;

import dev.turnstile.console.model.TurnstileClient;
import dev.turnstile.console.text.Formats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

@Command(name = "add-provider", mixinStandardHelpOptions = true,
        description = {"Adds a provider at run time; its calls are gated from the next one on."})
final class AddProviderCommand extends TargetCommand {

    @Parameters(index = "1", paramLabel = "<id>", description = "a new lower-case id, e.g. my-llm")
    String id;

    @Parameters(index = "2", paramLabel = "<hosts>", description = "comma list of host, host:port or *.domain")
    String hosts;

    @Parameters(index = "3", paramLabel = "<limit>", converter = Converters.LimitConverter.class,
            description = "max concurrent calls, a whole number ≥ 0; 0 = unlimited")
    int limit;

    @Override
    int run(TurnstileClient client, PrintWriter out) {
        client.addProvider(id, hosts, limit);
        out.println("provider " + id + " added: hosts " + hosts + ", limit " + Formats.limitText(limit));
        return 0;
    }
}
