package dev.turnstile.bench.e2e;

import java.util.List;
import java.util.Locale;

/** Builds one Markdown fragment of RESULTS.md. */
public final class Markdown {

    private final StringBuilder text = new StringBuilder();

    public static String number(String format, double value) {
        return String.format(Locale.ROOT, format, value);
    }

    public static String verdict(boolean met) {
        return met ? "**met**" : "**missed**";
    }

    public Markdown line(String line) {
        text.append(line).append('\n');
        return this;
    }

    public Markdown blank() {
        return line("");
    }

    public Markdown row(String... cells) {
        return line("| " + String.join(" | ", cells) + " |");
    }

    /** A header row and its separator; the first {@code textColumns} are left-aligned, the rest (numbers) right. */
    public Markdown header(int textColumns, String... cells) {
        row(cells);
        StringBuilder separator = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            separator.append(i < textColumns ? " --- |" : " ---: |");
        }
        return line(separator.toString());
    }

    public Markdown list(List<String> items) {
        items.forEach(item -> line("- " + item));
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
