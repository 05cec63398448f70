package dev.turnstile.demo.report;

import dev.turnstile.demo.app.KeyValues;
import dev.turnstile.demo.app.TurnRecord;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The numbers of one run: turn times over the turns that finished, 429s, calls wasted (answers
 * that carried no tokens: 429s and errors), and what the provider saw ({@code -1} when the
 * provider is not the embedded one).
 */
public final class RunSummary {

    public static final String WIRE_PREFIX = "DEMO-RESULT ";

    private final int turns;
    private final int failedTurns;
    private final double meanMillis;
    private final long p95Millis;
    private final long maxMillis;
    private final long rateLimited;
    private final long wasted;
    private final int providerMaxSeen;
    private final int providerCap;
    private final long wallMillis;

    public RunSummary(int turns, int failedTurns, double meanMillis, long p95Millis, long maxMillis, long rateLimited,
                      long wasted, int providerMaxSeen, int providerCap, long wallMillis) {
        this.turns = turns;
        this.failedTurns = failedTurns;
        this.meanMillis = meanMillis;
        this.p95Millis = p95Millis;
        this.maxMillis = maxMillis;
        this.rateLimited = rateLimited;
        this.wasted = wasted;
        this.providerMaxSeen = providerMaxSeen;
        this.providerCap = providerCap;
        this.wallMillis = wallMillis;
    }

    /** Sums up the turn records of a run. */
    public static RunSummary of(List<TurnRecord> records, int providerMaxSeen, int providerCap, long wallMillis) {
        Stats stats = Stats.of(records.stream().filter(TurnRecord::ok).map(TurnRecord::millis)
                .collect(Collectors.toList()));
        long rateLimited = records.stream().mapToLong(TurnRecord::rateLimited).sum();
        long errors = records.stream().mapToLong(TurnRecord::errors).sum();
        int failed = (int) records.stream().filter(record -> !record.ok()).count();
        return new RunSummary(records.size(), failed, stats.mean(), stats.p95(), stats.max(), rateLimited,
                rateLimited + errors, providerMaxSeen, providerCap, wallMillis);
    }

    public int turns() {
        return turns;
    }

    public int failedTurns() {
        return failedTurns;
    }

    public double meanMillis() {
        return meanMillis;
    }

    public long p95Millis() {
        return p95Millis;
    }

    public long maxMillis() {
        return maxMillis;
    }

    public long rateLimited() {
        return rateLimited;
    }

    public long wasted() {
        return wasted;
    }

    public int providerMaxSeen() {
        return providerMaxSeen;
    }

    public int providerCap() {
        return providerCap;
    }

    public long wallMillis() {
        return wallMillis;
    }

    public String toWire() {
        return WIRE_PREFIX + String.format(Locale.ROOT,
                "turns=%d failed=%d meanMs=%.1f p95Ms=%d maxMs=%d r429=%d wasted=%d maxSeen=%d cap=%d wallMs=%d",
                turns, failedTurns, meanMillis, p95Millis, maxMillis, rateLimited, wasted, providerMaxSeen,
                providerCap, wallMillis);
    }

    public static RunSummary fromWire(String line) {
        KeyValues values = KeyValues.parse(line.startsWith(WIRE_PREFIX) ? line.substring(WIRE_PREFIX.length()) : line);
        return new RunSummary(values.getInt("turns"), values.getInt("failed"), values.getDouble("meanMs"),
                values.getLong("p95Ms"), values.getLong("maxMs"), values.getLong("r429"), values.getLong("wasted"),
                values.getInt("maxSeen"), values.getInt("cap"), values.getLong("wallMs"));
    }
}
