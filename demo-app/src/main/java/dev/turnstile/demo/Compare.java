package dev.turnstile.demo;

import dev.turnstile.demo.report.CompareTable;
import dev.turnstile.demo.report.RunSummary;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code --compare}: the same workload in three child JVMs of this demo, one after the other —
 * without the agent, with it, and with it in plain FIFO mode — each with its own embedded
 * provider, then the numbers side by side.
 */
final class Compare {

    private static final long CHILD_TIMEOUT_MINUTES = 10;

    private final DemoOptions options;
    private final PrintStream out;

    Compare(DemoOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** One column: a name and the agent arguments, {@code null} for no agent. */
    private record Variant(String name, String agentArgs) {
    }

    int run() throws IOException, InterruptedException {
        Path agentJar = ChildJvm.agentJarFor("--compare", options, out);
        if (agentJar == null) {
            return 2;
        }
        out.println("Turnstile demo, --compare: " + options.workload());
        out.println("provider: embedded mock, at most " + options.cap + " requests at once, 429 + Retry-After: "
                + options.retryAfterSeconds + " above; agent limit " + options.cap);
        out.println("agent:    " + agentJar);
        out.println();
        List<Variant> variants = List.of(
                new Variant("no agent", null),
                new Variant("Turnstile", ""),
                new Variant("Turnstile FIFO", "priority.agent=none"));
        CompareTable table = new CompareTable();
        int status = 0;
        for (int i = 0; i < variants.size(); i++) {
            Variant variant = variants.get(i);
            RunSummary summary = runChild(variant, agentJar, (i + 1) + "/" + variants.size());
            if (summary == null) {
                return 1;
            }
            if (summary.failedTurns() > 0) {
                status = 1;
            }
            table.add(variant.name(), summary);
        }
        out.println();
        out.print(table.render());
        out.println();
        table.verdicts(1).forEach(out::println);
        out.println();
        out.println("no agent: every agent calls as soon as it can; above the cap the provider answers 429 and the"
                + " agent sleeps out Retry-After, then tries again.");
        out.println("Turnstile: the same unchanged application with -javaagent, limit " + options.cap
                + "; waiting calls are served oldest agent turn first.");
        out.println("Turnstile FIFO: the same limit with priority.agent=none: every call waits its turn in arrival"
                + " order, so all turns advance together and finish late together.");
        out.println("Oldest turn first finishes turns one after another instead of all near the end, which lowers"
                + " the mean; the youngest turns still finish last, about when FIFO finishes them all, so p95 moves"
                + " much less.");
        return status;
    }

    private RunSummary runChild(Variant variant, Path agentJar, String label) throws IOException, InterruptedException {
        int port = ChildJvm.freePort();
        List<String> childArgs = new ArrayList<>(List.of("--port", Integer.toString(port)));
        childArgs.addAll(options.workloadArgs());
        List<String> command = ChildJvm.command(List.of(),
                variant.agentArgs() == null ? null : ChildJvm.javaAgent(agentJar, options, port, variant.agentArgs()),
                childArgs);
        Path log = Files.createTempFile("turnstile-demo-child", ".log");
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        LiveLine live = LiveLine.onStdout();
        String prefix = String.format("[%s %-14s] ", label, variant.name());
        RunSummary summary = null;
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith(DemoMain.PROGRESS_PREFIX)) {
                    live.update(prefix + DemoMain.parseProgress(line).line());
                } else if (line.startsWith(RunSummary.WIRE_PREFIX)) {
                    summary = RunSummary.fromWire(line);
                }
            }
        }
        boolean ended = process.waitFor(CHILD_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        live.finish();
        if (!ended) {
            process.destroyForcibly();
        }
        if (summary == null) {
            out.println("the '" + variant.name() + "' run gave no result (exit " + (ended ? process.exitValue() : "timeout")
                    + "); its log:");
            Files.readAllLines(log).forEach(out::println);
            return null;
        }
        agentStartLine(log);
        Files.deleteIfExists(log);
        return summary;
    }

    /** Shows the agent's own start-up line, so the reader sees what the child ran with. */
    private void agentStartLine(Path log) throws IOException {
        for (String line : Files.readAllLines(log)) {
            if (line.contains("Turnstile") && line.contains("started")) {
                out.println("    agent: " + line.substring(line.indexOf("Turnstile")));
            }
        }
    }
}
