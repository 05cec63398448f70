package dev.turnstile.demo;

import dev.turnstile.demo.report.CompareTable;
import dev.turnstile.demo.report.RunSummary;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code --fleet} prints at the end: its runs side by side, each replica's fleet view, what
 * the runs show, and, without Redis, how to get it.
 */
final class FleetReport {

    private final CompareTable table = new CompareTable();
    private final List<String> viewLines = new ArrayList<>();

    /** One run: its numbers over all replicas, and each replica's fleet views (when ready, at its end). */
    void add(String run, RunSummary summary, List<List<FleetProbe.View>> views) {
        table.add(run, summary);
        for (int i = 0; i < views.size(); i++) {
            List<FleetProbe.View> replica = views.get(i);
            String name = String.format("  %-16s replica %d: ", i == 0 ? run : "", i + 1);
            if (replica.isEmpty()) {
                viewLines.add(name + "no view");
            } else if (replica.get(0).equals(FleetProbe.View.NONE)) {
                viewLines.add(name + replica.get(0).sentence());
            } else {
                viewLines.add(name + "ready: " + replica.get(0).sentence());
                viewLines.add(String.format("  %-16s            end:   %s", "", replica.get(replica.size() - 1).sentence()));
            }
        }
    }

    /** The table, the fleet views and what they show; {@code shared}: the shared run is among them. */
    void print(PrintStream out, DemoOptions options, boolean shared) {
        out.println();
        out.print(table.render());
        out.println();
        if (shared) {
            table.verdicts(1).forEach(out::println);
            out.println();
        }
        out.println("fleet view, read over JMX from " + FleetProbe.FLEET_BEAN + " in each replica when it was ready to start"
                + " and when its run had ended:");
        viewLines.forEach(out::println);
        out.println();
        out.println("own limits: every replica admits " + options.cap + " calls at once, so the " + options.replicas
                + " replicas together send up to " + options.replicas * options.cap + " to a provider that takes "
                + options.cap + ". The excess bounces with 429 until each replica's agent, alone, has paused and"
                + " lowered its own limit; then the provider's slots are often not all used.");
        if (shared) {
            out.println("shared (Redis): the same replicas with turnstile.redis.url: one limit of " + options.cap
                    + " for the fleet, served oldest turn first across the JVMs; calls wait in their JVM instead of"
                    + " bouncing off the provider.");
        }
    }

    /** Says that the shared run could not run and how to get Redis; {@code lookedAt} says where the demo looked. */
    static void printRedisMissing(PrintStream out, String lookedAt) {
        out.println();
        out.println("The shared run needs Redis, and no redis-server was found (" + lookedAt + ").");
        out.println("Install it and run again:  sudo apt-get install redis-server");
        out.println("or share through a Redis you run:  demo-app/run-demo.sh --fleet --redis-url redis://HOST:6379/0");
    }
}
