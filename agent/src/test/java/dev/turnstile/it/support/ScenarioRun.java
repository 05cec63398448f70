package dev.turnstile.it.support;

import java.util.List;

/** One scenario that a {@link ScenarioJvm} ran: its provider and the lines it printed. */
public final class ScenarioRun implements Transcript {

    private final String provider;
    private final String command;
    private final String commandLine;
    private final List<String> stdout;
    private final List<String> stderr;

    ScenarioRun(String provider, String command, String commandLine, List<String> stdout, List<String> stderr) {
        this.provider = provider;
        this.command = command;
        this.commandLine = commandLine;
        this.stdout = List.copyOf(stdout);
        this.stderr = List.copyOf(stderr);
    }

    /** The id of the provider the scenario ran on, as the agent's log lines name it. */
    public String provider() {
        return provider;
    }

    @Override
    public List<String> stdout() {
        return stdout;
    }

    @Override
    public List<String> stderr() {
        return stderr;
    }

    @Override
    public String transcript() {
        return "JVM: " + commandLine + "\nscenario: " + command + "\n--- stdout ---\n" + String.join("\n", stdout)
                + "\n--- stderr ---\n" + String.join("\n", stderr);
    }
}
