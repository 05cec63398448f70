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

/**
 * One frame of {@code watch}, fitted to the terminal: the summary and "q quits" on top, always;
 * then the providers that matter now (busy or paused first, then those with a limit), the idle
 * unlimited ones folded into one line; then the oldest agents in whatever rows are left. Columns
 * are chosen to fit 80: the in-flight bar narrows first, then lines are cut. A paused row is in
 * reverse video and says PAUSED in words, so it reads on light and dark backgrounds alike.
 */
public final class WatchScreen {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final int WIDEST_BAR = 20;
    private static final int NARROWEST_BAR = 4;
    private static final int MOST_AGENT_ROWS = 10;
    private static final String BOLD = "\u001b[1m";
    private static final String REVERSE = "\u001b[7m";
    private static final String RESET = "\u001b[0m";

    private final Bar bar;
    private final boolean styled;
    private final String ellipsis;

    /** @param styled bold headers and reverse-video paused rows (a terminal), or plain text (a pipe) */
    public WatchScreen(boolean unicode, boolean styled) {
        this.bar = new Bar(unicode);
        this.styled = styled;
        this.ellipsis = unicode ? "…" : "~";
    }

    /** At most {@code rows} lines of at most {@code columns} characters (styles aside). */
    public List<String> render(Status status, int columns, int rows) {
        Frame frame = new Frame(columns, rows, ellipsis);
        frame.add(style(BOLD, frame.cut(StatusReport.summary(status))));
        frame.add(frame.cut("q or Ctrl-C quits   read at " + CLOCK.format(Instant.ofEpochMilli(status.takenAtMillis()))));
        frame.add("");
        providers(status, frame);
        agents(status.agents(), frame);
        return frame.lines;
    }

    private void providers(Status status, Frame frame) {
        if (status.providers().isEmpty()) {
            frame.add("no providers configured");
            return;
        }
        List<ProviderStatus> shown = new ArrayList<>();
        List<ProviderStatus> idle = new ArrayList<>();
        for (ProviderStatus provider : status.providers()) {
            (isIdleUnlimited(provider) ? idle : shown).add(provider);
        }
        shown.sort(Comparator.comparing(provider -> !isActive(provider))); // stable: configuration order within each group
        // Room for the table's header, its rows, a fold line, and two lines for the agents below.
        int room = frame.left() - 1 - 2;
        List<ProviderStatus> folded = new ArrayList<>();
        if (shown.size() + (idle.isEmpty() ? 0 : 1) > room) {
            int keep = Math.max(0, room - 1);
            folded.addAll(shown.subList(keep, shown.size()));
            shown = new ArrayList<>(shown.subList(0, keep));
        }
        folded.addAll(idle);
        List<String> table = table(shown, frame.columns);
        frame.add(style(BOLD, frame.cut(table.get(0))));
        for (int i = 0; i < shown.size(); i++) {
            String line = frame.cut(table.get(i + 1));
            frame.add(shown.get(i).paused() ? style(BOLD + REVERSE, line) : line);
        }
        if (!folded.isEmpty()) {
            frame.add(frame.cut(foldLine(folded)));
        }
    }

    /** The provider table, its bar as wide as the columns allow. */
    private List<String> table(List<ProviderStatus> providers, int columns) {
        List<String> lines = null;
        for (int barWidth = WIDEST_BAR; barWidth >= NARROWEST_BAR; barWidth--) {
            Table table = new Table("<PROVIDER", "<IN FLIGHT", "QUEUED", "LIMIT", "<PAUSED", "429s", "WAIT P50/P99");
            for (ProviderStatus provider : providers) {
                table.row(provider.id(), bar.render(provider.inFlight(), provider.effectiveLimit(), barWidth),
                        provider.queued(), limit(provider), provider.paused()
                                ? "PAUSED " + Formats.millis(provider.pauseRemainingMillis()) : "-",
                        provider.rateLimited(), StatusReport.waitP50(provider) + "/" + StatusReport.waitP99(provider));
            }
            lines = table.lines();
            if (lines.stream().allMatch(line -> line.codePointCount(0, line.length()) <= columns)) {
                break;
            }
        }
        return lines;
    }

    /** {@code 4}, {@code 3 of 4} while lowered after 429s, {@code none}. */
    static String limit(ProviderStatus provider) {
        if (provider.limit() == 0) {
            return "none";
        }
        return provider.effectiveLimit() == provider.limit() ? String.valueOf(provider.limit())
                : provider.effectiveLimit() + " of " + provider.limit();
    }

    private static String foldLine(List<ProviderStatus> folded) {
        long active = folded.stream().filter(WatchScreen::isActive).count();
        List<String> ids = new ArrayList<>();
        folded.forEach(provider -> ids.add(provider.id()));
        boolean allIdle = folded.stream().allMatch(WatchScreen::isIdleUnlimited);
        String what = allIdle ? folded.size() + " idle provider" + (folded.size() == 1 ? "" : "s")
                : folded.size() + " more provider" + (folded.size() == 1 ? "" : "s")
                        + (active > 0 ? " (" + active + " busy; 'status' shows all)" : "");
        return "+ " + what + ": " + String.join(", ", ids);
    }

    private void agents(List<AgentRow> rows, Frame frame) {
        if (frame.left() < 2) {
            return;
        }
        frame.add("");
        if (rows.isEmpty()) {
            frame.add("no agent has a call in flight or queued");
            return;
        }
        List<AgentRow> agents = new ArrayList<>(rows);
        agents.sort(Comparator.comparingLong(AgentRow::turnAgeMillis).reversed());
        // The rows left on a terminal (the header takes one); ten where frames follow each other (a pipe).
        int room = frame.rows == Integer.MAX_VALUE ? MOST_AGENT_ROWS : frame.left() - 1;
        if (room < 1) {
            frame.add(frame.cut(agents.size() + " agents with calls in flight or queued (a taller terminal lists them)"));
            return;
        }
        int listed = agents.size() <= room ? agents.size() : room - 1; // the last line then says how many more
        List<String> table = StatusReport.agents(agents.subList(0, listed)).lines();
        frame.add(style(BOLD, frame.cut(table.get(0))));
        for (int i = 1; i < table.size(); i++) {
            frame.add(frame.cut(table.get(i)));
        }
        if (listed < agents.size()) {
            frame.add(ellipsis + " and " + (agents.size() - listed) + " more");
        }
    }

    /** Calls in flight or queued, or paused: what an operator watches for. */
    private static boolean isActive(ProviderStatus provider) {
        return provider.inFlight() > 0 || provider.queued() > 0 || provider.paused();
    }

    /** Nothing to see now and nothing set: a preset waiting for its first call, say. */
    private static boolean isIdleUnlimited(ProviderStatus provider) {
        return provider.limit() == 0 && !isActive(provider);
    }

    private String style(String code, String line) {
        return styled ? code + line + RESET : line;
    }

    /** The lines of a frame and the room left in it. */
    private static final class Frame {
        final List<String> lines = new ArrayList<>();
        final int columns;
        final int rows;
        final String ellipsis;

        Frame(int columns, int rows, String ellipsis) {
            this.columns = columns;
            this.rows = rows;
            this.ellipsis = ellipsis;
        }

        int left() {
            return rows - lines.size();
        }

        void add(String line) {
            if (left() > 0) {
                lines.add(line);
            }
        }

        String cut(String line) {
            if (line.codePointCount(0, line.length()) <= columns) {
                return line;
            }
            return line.substring(0, line.offsetByCodePoints(0, Math.max(0, columns - 1))) + ellipsis;
        }
    }
}
