package dev.turnstile.bench.sim;

import java.util.ArrayList;
import java.util.List;

/** A Markdown table: a header of column names (a leading {@code >} right-aligns one), then rows. */
final class MarkdownTable {

    private final List<String> header = new ArrayList<>();
    private final List<String> alignments = new ArrayList<>();
    private final List<String> rows = new ArrayList<>();

    MarkdownTable(String... columns) {
        for (String column : columns) {
            boolean right = column.startsWith(">");
            header.add(right ? column.substring(1) : column);
            alignments.add(right ? "---:" : "---");
        }
    }

    MarkdownTable row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " cells, got " + cells.length);
        }
        List<String> text = new ArrayList<>();
        for (Object cell : cells) {
            text.add(String.valueOf(cell));
        }
        rows.add(line(text));
        return this;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(line(header)).append(line(alignments));
        rows.forEach(out::append);
        return out.toString();
    }

    private static String line(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }
}
