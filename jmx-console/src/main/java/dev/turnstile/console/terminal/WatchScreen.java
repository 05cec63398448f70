package dev.turnstile.console.terminal;

import dev.turnstile.console.model.AgentRow;
import dev.turnstile.console.model.ProviderStatus;
import dev.turnstile.console.model.Status;
import dev.turnstile.console.text.Bar;
import dev.turnstile.console.text.Formats;
import dev.turnstile.console.text.StatusReport;
import dev.turnstile.console.text.Table;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One frame of {@code watch}: the summary, a row per provider with its in-flight bar, the oldest agents. */
public final class WatchScreen {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final int BAR_WIDTH = 20;
    private static final int AGENT_ROWS = 10;
    private static final String BOLD = "\u001b[1m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RESET = "\u001b[0m";

    private final Bar bar;
    private final boolean colour;
    private final int width;

    public WatchScreen(boolean unicode, boolean colour, int width) {
        this.bar = new Bar(unicode);
        this.colour = colour;
        this.width = width;
    }

    public List<String> render(Status status) {
        List<String> lines = new ArrayList<>();
        lines.add(style(BOLD, cut(StatusReport.summary(status) + "   " + CLOCK.format(Instant.ofEpochMilli(status.takenAtMillis())))));
        lines.add(cut("q or Ctrl-C quits"));
        lines.add("");
        Table table = new Table("<PROVIDER", "<IN FLIGHT", "QUEUED", "LIMIT", "EFFECTIVE", "<PAUSED", "429s", "RECLAIMED",
                "WAIT P50", "WAIT P99");
        for (ProviderStatus provider : status.providers()) {
            table.row(provider.id(), bar.render(provider.inFlight(), provider.effectiveLimit(), BAR_WIDTH),
                    provider.queued(), Formats.limitText(provider.limit()), Formats.limitText(provider.effectiveLimit()),
                    StatusReport.paused(provider), provider.rateLimited(), provider.reclaimed(),
                    StatusReport.waitP50(provider), StatusReport.waitP99(provider));
        }
        List<String> rows = table.lines();
        lines.add(style(BOLD, cut(rows.get(0))));
        for (int i = 1; i < rows.size(); i++) {
            String line = cut(rows.get(i));
            lines.add(status.providers().get(i - 1).paused() ? style(YELLOW, line) : line);
        }
        if (status.providers().isEmpty()) {
            lines.add("no providers configured");
        }
        lines.add("");
        List<AgentRow> agents = new ArrayList<>(status.agents());
        agents.sort(Comparator.comparingLong(AgentRow::turnAgeMillis).reversed());
        if (agents.isEmpty()) {
            lines.add("no agent has a call in flight or queued");
        } else {
            List<String> agentLines = StatusReport.agents(agents.subList(0, Math.min(AGENT_ROWS, agents.size()))).lines();
            lines.add(style(BOLD, cut(agentLines.get(0))));
            for (int i = 1; i < agentLines.size(); i++) {
                lines.add(cut(agentLines.get(i)));
            }
            if (agents.size() > AGENT_ROWS) {
                lines.add("… and " + (agents.size() - AGENT_ROWS) + " more");
            }
        }
        return lines;
    }

    private String cut(String line) {
        return line.length() > width ? line.substring(0, width) : line;
    }

    private String style(String code, String line) {
        return colour ? code + line + RESET : line;
    }
}
