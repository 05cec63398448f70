package dev.turnstile.console.terminal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The screen of {@code watch}. On a real terminal: the terminal is put in character mode
 * ({@code stty -icanon -echo}, signals kept so Ctrl-C still interrupts), the alternate screen is
 * used and the cursor hidden; everything is restored on {@link #close()} and, after Ctrl-C, by a
 * shutdown hook. Elsewhere (a pipe, a test): frames are printed one after another and a line
 * {@code q} on standard input quits.
 */
public final class Terminal implements AutoCloseable {

    private static final String ESC = "\u001b[";

    private final PrintWriter out;
    private final boolean interactive;
    private final String savedMode;
    private final CountDownLatch quit = new CountDownLatch(1);
    private final AtomicBoolean restored = new AtomicBoolean();
    private final Thread restoreHook;

    private Terminal(PrintWriter out, boolean interactive, String savedMode) {
        this.out = out;
        this.interactive = interactive;
        this.savedMode = savedMode;
        this.restoreHook = new Thread(this::restore, "turnstile-console-restore-terminal");
    }

    /** Opens the screen; {@code in} is read for {@code q} on a daemon thread. */
    public static Terminal open(PrintWriter out, InputStream in, boolean allowInteractive) {
        String saved = allowInteractive && System.console() != null ? stty("-g") : null;
        boolean interactive = saved != null && stty("-icanon -echo min 1") != null;
        Terminal terminal = new Terminal(out, interactive, saved);
        if (interactive) {
            Runtime.getRuntime().addShutdownHook(terminal.restoreHook);
            out.print(ESC + "?1049h" + ESC + "?25l" + ESC + "H" + ESC + "2J");
            out.flush();
        }
        terminal.listen(in);
        return terminal;
    }

    public boolean interactive() {
        return interactive;
    }

    /** Block characters when the terminal speaks UTF-8, ASCII otherwise. */
    public boolean unicode() {
        return interactive && Charset.defaultCharset().equals(StandardCharsets.UTF_8);
    }

    /**
     * Bold and reverse video on a terminal. They are attributes, not colours, so {@code NO_COLOR}
     * (no-color.org) leaves them on, and they read on light and dark backgrounds alike.
     */
    public boolean styled() {
        return interactive;
    }

    /** The terminal's size now (it may have been resized); 160 columns and no row limit when unknown. */
    public Size size() {
        if (interactive) {
            String size = stty("size");
            if (size != null && size.trim().matches("\\d+ \\d+")) {
                String[] rowsColumns = size.trim().split(" ");
                return new Size(Math.max(40, Integer.parseInt(rowsColumns[1])), Math.max(8, Integer.parseInt(rowsColumns[0])));
            }
        }
        return new Size(160, Integer.MAX_VALUE);
    }

    /** Columns and rows a frame may fill. */
    public record Size(int columns, int rows) {
    }

    /**
     * Draws a frame: over the last one on a terminal, after it elsewhere. On a terminal no line
     * break follows the last line, so a frame as tall as the screen does not scroll its top away.
     */
    public void draw(Iterable<String> lines) {
        StringBuilder frame = new StringBuilder();
        if (interactive) {
            frame.append(ESC).append('H');
            String separator = "";
            for (String line : lines) {
                frame.append(separator).append(line).append(ESC).append('K');
                separator = "\r\n";
            }
            frame.append(ESC).append('J');
        } else {
            for (String line : lines) {
                frame.append(line).append(System.lineSeparator());
            }
            frame.append(System.lineSeparator());
        }
        out.print(frame);
        out.flush();
    }

    /** Waits up to {@code millis} for the operator to quit; true if they did. */
    public boolean awaitQuit(long millis) throws InterruptedException {
        return quit.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Quits from code (used by a frame limit and by a lost connection). */
    public void quit() {
        quit.countDown();
    }

    @Override
    public void close() {
        restore();
        if (interactive) {
            try {
                Runtime.getRuntime().removeShutdownHook(restoreHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    private void restore() {
        if (!restored.compareAndSet(false, true) || !interactive) {
            return;
        }
        out.print(ESC + "?25h" + ESC + "?1049l");
        out.flush();
        stty(savedMode);
    }

    private void listen(InputStream in) {
        Thread reader = new Thread(() -> {
            try {
                for (int c; (c = in.read()) != -1; ) {
                    if (c == 'q' || c == 'Q' || c == 3 || c == 4) { // q, Ctrl-C or Ctrl-D in raw mode
                        quit.countDown();
                        return;
                    }
                }
            } catch (IOException ignored) {
                // standard input closed: only Ctrl-C or the frame limit ends the view now
            }
        }, "turnstile-console-keys");
        reader.setDaemon(true);
        reader.start();
    }

    /** Runs {@code stty} on the controlling terminal; its output, or null if it failed. */
    private static String stty(String arguments) {
        try {
            Process process = new ProcessBuilder("sh", "-c", "stty " + arguments + " < /dev/tty")
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), Charset.defaultCharset()).trim();
            if (!process.waitFor(5, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return null;
            }
            return output;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
