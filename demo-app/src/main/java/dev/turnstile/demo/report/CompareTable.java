package dev.turnstile.demo.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Runs side by side: one column per run, one row per number, then what the numbers say. */
public final class CompareTable {

    private final List<String> names = new ArrayList<>();
    private final List<RunSummary> runs = new ArrayList<>();

    public CompareTable add(String name, RunSummary run) {
        names.add(name);
        runs.add(run);
        return this;
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        int width = Math.max(14, names.stream().mapToInt(String::length).max().orElse(0) + 2);
        out.append(String.format("%-26s", ""));
        names.forEach(name -> out.append(pad(name, width)));
        out.append(System.lineSeparator());
        row(out, width, "mean turn time", run -> Report.seconds(run.meanMillis()));
        row(out, width, "p95 turn time", run -> Report.seconds(run.p95Millis()));
        row(out, width, "worst turn", run -> Report.seconds(run.maxMillis()));
        row(out, width, "429s received", run -> Long.toString(run.rateLimited()));
        row(out, width, "calls wasted", run -> Long.toString(run.wasted()));
        row(out, width, "turns failed", run -> run.failedTurns() + " of " + run.turns());
        row(out, width, "provider max concurrency", run -> run.providerMaxSeen() < 0 ? "?"
                : run.providerMaxSeen() + " (cap " + run.providerCap() + ")");
        row(out, width, "wall time", run -> Report.seconds(run.wallMillis()));
        return out.toString();
    }

    /** One sentence per other run: how the {@code focus} run's mean, p95 and 429s compare with it. */
    public List<String> verdicts(int focus) {
        List<String> lines = new ArrayList<>();
        for (int other = 0; other < runs.size(); other++) {
            if (other == focus) {
                continue;
            }
            RunSummary base = runs.get(other);
            RunSummary run = runs.get(focus);
            lines.add(String.format(Locale.ROOT, "%s vs %s: mean turn time %s, p95 %s, 429s %d -> %d",
                    names.get(focus), names.get(other), change(base.meanMillis(), run.meanMillis()),
                    change(base.p95Millis(), run.p95Millis()), base.rateLimited(), run.rateLimited()));
        }
        return lines;
    }

    /** "31% lower", "4% higher" or "the same". */
    static String change(double before, double after) {
        if (before <= 0) {
            return "n/a";
        }
        long percent = Math.round((after - before) * 100.0 / before);
        if (percent == 0) {
            return "about the same";
        }
        return Math.abs(percent) + "% " + (percent < 0 ? "lower" : "higher");
    }

    private void row(StringBuilder out, int width, String label, Function<RunSummary, String> cell) {
        out.append(String.format("%-26s", label));
        runs.forEach(run -> out.append(pad(cell.apply(run), width)));
        out.append(System.lineSeparator());
    }

    private static String pad(String text, int width) {
        return String.format("%-" + width + "s", text);
    }
}
