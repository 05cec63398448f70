package dev.turnstile.console.cli;

import dev.turnstile.console.model.Budget;
import dev.turnstile.console.model.TurnstileClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

@Command(name = "set-budget", mixinStandardHelpOptions = true,
        description = {"Sets a provider's per-minute budgets, for endpoints that enforce them without headers. "
                + "Calls beyond a budget wait in line (never rejected); raising it admits them at once."})
final class SetBudgetCommand extends TargetCommand {

    @Parameters(index = "1", paramLabel = "<provider>", description = "the provider's id, e.g. ollama")
    String provider;

    @Option(names = "--rpm", paramLabel = "<calls>", converter = Converters.LimitConverter.class,
            description = "calls that may start per minute, a whole number ≥ 0; 0 = off")
    Integer rpm;

    @Option(names = "--tpm", paramLabel = "<tokens>",
            description = "tokens calls may use per minute, a whole number ≥ 0; 0 = off")
    Long tpm;

    @Override
    int run(TurnstileClient client, PrintWriter out) {
        if (rpm == null && tpm == null) {
            throw new ParameterException(spec.commandLine(), "give --rpm, --tpm or both");
        }
        if (tpm != null && tpm < 0) {
            throw new ParameterException(spec.commandLine(), "--tpm must be a whole number ≥ 0 (0 = off), was " + tpm);
        }
        client.requireProvider(provider);
        Budget before = client.status().provider(provider).map(p -> p.budget()).orElse(Budget.OFF);
        if (rpm != null) {
            client.setRpm(provider, rpm);
            out.println(provider + ": rpm " + text(before.rpm()) + " -> " + text(rpm));
        }
        if (tpm != null) {
            client.setTpm(provider, tpm);
            out.println(provider + ": tpm " + text(before.tpm()) + " -> " + text(tpm));
        }
        return 0;
    }

    private static String text(long budget) {
        return budget == 0 ? "off" : Long.toString(budget);
    }
}
