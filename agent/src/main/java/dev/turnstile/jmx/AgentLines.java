package dev.turnstile.jmx;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code AgentLines} attribute: the {@code Agents} rows as sentences, one string each.
 * JConsole walks an array of composites (and a {@code TabularData} alike) one row at a time, but
 * shows a {@code String[]} as a list with every element at once, so this is the view an operator
 * reads there; tools keep reading the structured {@code Agents}.
 */
final class AgentLines {

    static final String NONE = "no agent has a call in flight or queued";

    private AgentLines() {
    }

    /** Oldest turn first, as the rows come; one line saying so when there is none. */
    static String[] of(List<AgentCalls> rows) {
        if (rows.isEmpty()) {
            return new String[] {NONE};
        }
        List<String> lines = new ArrayList<>(rows.size());
        for (AgentCalls row : rows) {
            lines.add(row.getAgent() + " -> " + row.getProvider() + ": turn " + age(row.getTurnAgeMillis()) + " old, "
                    + row.getTurnCalls() + (row.getTurnCalls() == 1 ? " call" : " calls") + " this turn, "
                    + row.getInFlight() + " in flight, " + row.getQueued() + " queued");
        }
        return lines.toArray(new String[0]);
    }

    /** {@code 850 ms}, {@code 12.3 s}, {@code 4 min 05 s}, {@code 1 h 02 min}. */
    static String age(long millis) {
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, (seconds % 3600) / 60);
    }
}
