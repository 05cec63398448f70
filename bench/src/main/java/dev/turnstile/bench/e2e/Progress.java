package dev.turnstile.bench.e2e;

import java.util.Locale;

/** One line per step on standard error, with the seconds since this benchmark began. */
public final class Progress {

    private final String name;
    private final long start = System.nanoTime();

    public Progress(String name) {
        this.name = name;
    }

    public void step(String what) {
        System.err.printf(Locale.ROOT, "  [%s %5.1f s] %s%n", name, (System.nanoTime() - start) / 1e9, what);
    }
}
