package dev.turnstile.console.cli;

import dev.turnstile.console.model.TurnstileClient;
import dev.turnstile.console.text.Formats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

@Command(name = "set-global-limit", mixinStandardHelpOptions = true,
        description = {"Sets the limit of concurrent gated calls over all providers."})
final class SetGlobalLimitCommand extends TargetCommand {

    @Parameters(index = "1", paramLabel = "<limit>", converter = Converters.LimitConverter.class,
            description = "max concurrent calls over all providers, a whole number ≥ 0; 0 = no global limit")
    int limit;

    @Override
    int run(TurnstileClient client, PrintWriter out) {
        int before = client.status().globalLimit();
        client.setGlobalLimit(limit);
        out.println("global limit " + Formats.limitText(before) + " -> " + Formats.limitText(limit));
        return 0;
    }
}
