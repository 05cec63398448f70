package dev.turnstile.console.cli;

import dev.turnstile.console.json.Json;
import dev.turnstile.console.model.Status;
import dev.turnstile.console.model.StatusJson;
import dev.turnstile.console.model.TurnstileClient;
import dev.turnstile.console.text.StatusReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows each provider: limit, effective limit, in flight, queued, paused with time left, "
                + "429s, reclaims, wait p50/p99."})
final class StatusCommand extends TargetCommand {

    @Option(names = "--json", description = "print the status as JSON (the shape of the web console's /api/status)")
    boolean json;

    @Override
    int run(TurnstileClient client, PrintWriter out) {
        Status status = client.status();
        if (json) {
            out.println(Json.write(StatusJson.of(status)));
        } else {
            out.print(StatusReport.render(status));
        }
        return 0;
    }
}
