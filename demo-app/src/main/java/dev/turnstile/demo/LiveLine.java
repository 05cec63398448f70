package dev.turnstile.demo;

import java.io.PrintStream;

/**
 * One line that rewrites itself on a terminal; elsewhere (a pipe, a CI log) it prints a full line
 * every few seconds instead, so logs stay readable.
 */
final class LiveLine {

    private static final long PIPE_PERIOD_NANOS = 5_000_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private long lastPrinted;
    private int lastLength;
    private String pending;

    LiveLine(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
        this.lastPrinted = System.nanoTime();
    }

    static LiveLine onStdout() {
        return new LiveLine(System.out, System.console() != null);
    }

    synchronized void update(String line) {
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            out.flush();
            lastLength = line.length();
            return;
        }
        pending = line;
        long now = System.nanoTime();
        if (now - lastPrinted >= PIPE_PERIOD_NANOS) {
            out.println(line);
            lastPrinted = now;
            pending = null;
        }
    }

    /** Leaves the last state on screen and moves to a new line. */
    synchronized void finish() {
        if (terminal) {
            if (lastLength > 0) {
                out.println();
            }
        } else if (pending != null) {
            out.println(pending);
        }
        lastLength = 0;
        pending = null;
    }
}
