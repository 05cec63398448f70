package dev.turnstile.demo.report;

import dev.turnstile.demo.app.TurnRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The end-of-run report: one line per agent, then the totals. */
public final class Report {

    private Report() {
    }

    public static String render(List<TurnRecord> records, RunSummary summary) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-9s %-15s %6s %11s %11s %5s%n",
                "agent", "client", "turns", "mean turn", "worst turn", "429s"));
        Map<Integer, List<TurnRecord>> byAgent = records.stream()
                .collect(Collectors.groupingBy(TurnRecord::agent, TreeMap::new, Collectors.toList()));
        for (Map.Entry<Integer, List<TurnRecord>> entry : byAgent.entrySet()) {
            List<TurnRecord> turns = entry.getValue();
            List<Long> okTimes = new ArrayList<>();
            for (TurnRecord turn : turns) {
                if (turn.ok()) {
                    okTimes.add(turn.millis());
                }
            }
            Stats stats = Stats.of(okTimes);
            long okCount = okTimes.size();
            out.append(String.format(Locale.ROOT, "%-9s %-15s %6s %11s %11s %5d%n",
                    String.format("agent-%02d", entry.getKey()), turns.get(0).stack(),
                    okCount + "/" + turns.size(),
                    okCount == 0 ? "-" : seconds(stats.mean()), okCount == 0 ? "-" : seconds(stats.max()),
                    turns.stream().mapToInt(TurnRecord::rateLimited).sum()));
        }
        out.append(System.lineSeparator());
        out.append(String.format(Locale.ROOT, "turn time      mean %s   p95 %s   worst %s   (%d turns finished, %d failed)%n",
                seconds(summary.meanMillis()), seconds(summary.p95Millis()), seconds(summary.maxMillis()),
                summary.turns() - summary.failedTurns(), summary.failedTurns()));
        out.append(String.format(Locale.ROOT, "429s received  %d   (calls wasted, 429s and errors: %d)%n",
                summary.rateLimited(), summary.wasted()));
        if (summary.providerMaxSeen() >= 0) {
            out.append(String.format(Locale.ROOT, "provider       at most %d requests at once (its cap: %d)%n",
                    summary.providerMaxSeen(), summary.providerCap()));
        }
        out.append(String.format(Locale.ROOT, "wall time      %s%n", seconds(summary.wallMillis())));
        return out.toString();
    }

    static String seconds(double millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
