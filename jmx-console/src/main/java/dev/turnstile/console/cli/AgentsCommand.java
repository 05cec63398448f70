package dev.turnstile.console.cli;

import dev.turnstile.console.json.Json;
import dev.turnstile.console.model.AgentRow;
import dev.turnstile.console.model.StatusJson;
import dev.turnstile.console.model.TurnstileClient;
import dev.turnstile.console.text.StatusReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

@Command(name = "agents", mixinStandardHelpOptions = true,
        description = {"Shows the agents with a call in flight or queued, oldest turn first: "
                + "one row per agent and provider, with the turn's age and calls."})
final class AgentsCommand extends TargetCommand {

    @Option(names = "--json", description = "print the rows as a JSON array")
    boolean json;

    @Override
    int run(TurnstileClient client, PrintWriter out) {
        List<AgentRow> agents = new ArrayList<>(client.agents());
        agents.sort(Comparator.comparingLong(AgentRow::turnAgeMillis).reversed());
        if (json) {
            out.println(Json.write(StatusJson.agents(agents)));
        } else if (agents.isEmpty()) {
            out.println("no agent has a call in flight or queued on " + client.target());
        } else {
            out.print(StatusReport.agents(agents));
        }
        return 0;
    }
}
