package dev.turnstile.console.text;

import java.util.ArrayList;
import java.util.List;

/** A plain text table: left-aligned first column, right-aligned numbers, two spaces between. */
public final class Table {

    private final List<String[]> rows = new ArrayList<>();
    private final boolean[] leftAligned;

    /** @param header the column names; a name starting with {@code <} is left-aligned (the mark is dropped) */
    public Table(String... header) {
        leftAligned = new boolean[header.length];
        String[] names = new String[header.length];
        for (int i = 0; i < header.length; i++) {
            leftAligned[i] = header[i].startsWith("<");
            names[i] = leftAligned[i] ? header[i].substring(1) : header[i];
        }
        rows.add(names);
    }

    public Table row(Object... cells) {
        String[] row = new String[leftAligned.length];
        for (int i = 0; i < row.length; i++) {
            row[i] = i < cells.length && cells[i] != null ? String.valueOf(cells[i]) : "";
        }
        rows.add(row);
        return this;
    }

    /** The lines, without trailing spaces. */
    public List<String> lines() {
        int[] widths = new int[leftAligned.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].codePointCount(0, row[i].length()));
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    line.append("  ");
                }
                String pad = " ".repeat(widths[i] - row[i].codePointCount(0, row[i].length()));
                line.append(leftAligned[i] ? row[i] + pad : pad + row[i]);
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    @Override
    public String toString() {
        return String.join(System.lineSeparator(), lines()) + System.lineSeparator();
    }
}
