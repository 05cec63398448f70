package dev.turnstile.demo.app;

/**
 * The live numbers at one instant. {@code inFlight} is what the provider is serving and
 * {@code queued} the calls sent but not yet at the provider; both are {@code -1} when the provider
 * is not the embedded one (then {@code open} is all we know).
 */
public final class Progress {

    private final long elapsedMillis;
    private final int turnsDone;
    private final int turnsTotal;
    private final int open;
    private final int inFlight;
    private final int queued;
    private final int backingOff;
    private final long rateLimited;

    public Progress(long elapsedMillis, int turnsDone, int turnsTotal, int open, int inFlight, int queued,
                    int backingOff, long rateLimited) {
        this.elapsedMillis = elapsedMillis;
        this.turnsDone = turnsDone;
        this.turnsTotal = turnsTotal;
        this.open = open;
        this.inFlight = inFlight;
        this.queued = queued;
        this.backingOff = backingOff;
        this.rateLimited = rateLimited;
    }

    /** Derives in-flight and queued from the open calls and the provider's count. */
    static Progress of(long elapsedMillis, LiveCounters counters, int turnsTotal, int providerServing) {
        int open = counters.callsOpen();
        int inFlight = providerServing < 0 ? -1 : Math.min(open, providerServing);
        int queued = providerServing < 0 ? -1 : Math.max(0, open - inFlight);
        return new Progress(elapsedMillis, counters.turnsDone(), turnsTotal, open, inFlight, queued,
                counters.backingOff(), counters.rateLimitedCount());
    }

    public long elapsedMillis() {
        return elapsedMillis;
    }

    public int turnsDone() {
        return turnsDone;
    }

    public int turnsTotal() {
        return turnsTotal;
    }

    public int open() {
        return open;
    }

    public int inFlight() {
        return inFlight;
    }

    public int queued() {
        return queued;
    }

    public int backingOff() {
        return backingOff;
    }

    public long rateLimited() {
        return rateLimited;
    }

    /** The one live line. */
    public String line() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%5.1fs  turns %d/%d", elapsedMillis / 1000.0, turnsDone, turnsTotal));
        if (inFlight >= 0) {
            out.append(String.format("  in flight %2d  queued %2d", inFlight, queued));
        } else {
            out.append(String.format("  open calls %2d", open));
        }
        out.append(String.format("  backing off %2d  429s %d", backingOff, rateLimited));
        return out.toString();
    }

    /** A machine-readable form, for a parent process. */
    public String toWire() {
        return "elapsed=" + elapsedMillis + " done=" + turnsDone + " total=" + turnsTotal + " open=" + open
                + " inflight=" + inFlight + " queued=" + queued + " backoff=" + backingOff + " r429=" + rateLimited;
    }

    public static Progress fromWire(String text) {
        KeyValues values = KeyValues.parse(text);
        return new Progress(values.getLong("elapsed"), values.getInt("done"), values.getInt("total"),
                values.getInt("open"), values.getInt("inflight"), values.getInt("queued"), values.getInt("backoff"),
                values.getLong("r429"));
    }
}
