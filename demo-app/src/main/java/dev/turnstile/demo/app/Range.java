package dev.turnstile.demo.app;

import java.util.Random;

/** An inclusive range of longs ({@code 200..600}, or a single value), drawn from uniformly. */
public final class Range {

    private final long min;
    private final long max;

    public Range(long min, long max) {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("expected 0 <= min <= max, got " + min + ".." + max);
        }
        this.min = min;
        this.max = max;
    }

    public static Range of(long value) {
        return new Range(value, value);
    }

    public long min() {
        return min;
    }

    public long max() {
        return max;
    }

    public long mean() {
        return (min + max) / 2;
    }

    public long draw(Random random) {
        return min == max ? min : min + (long) (random.nextDouble() * (max - min + 1));
    }

    @Override
    public String toString() {
        return min == max ? Long.toString(min) : min + ".." + max;
    }
}
