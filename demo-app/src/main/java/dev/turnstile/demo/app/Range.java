package dev.turnstile.demo.app;

import java.util.Random;

/** An inclusive range of longs ({@code 200..600}, or a single value), drawn from uniformly. */
public record Range(long min, long max) {

    public Range {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("expected 0 <= min <= max, got " + min + ".." + max);
        }
    }

    public static Range of(long value) {
        return new Range(value, value);
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
