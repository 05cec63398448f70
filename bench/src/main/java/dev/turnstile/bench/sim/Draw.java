package dev.turnstile.bench.sim;

import java.util.Locale;
import java.util.Random;

/** A random duration in seconds, drawn from a caller's seeded {@link Random}. */
interface Draw {

    double seconds(Random random);

    /** How it is drawn, for the report. */
    String describe();

    /** The mean of the draws. */
    double mean();

    /**
     * Lognormal around {@code median} seconds: most calls near the median, a heavy tail of slow
     * ones (long answers, a busy provider). {@code sigma} is the spread of the log.
     */
    static Draw lognormal(double median, double sigma) {
        return new Draw() {
            @Override
            public double seconds(Random random) {
                return median * Math.exp(sigma * random.nextGaussian());
            }

            @Override
            public double mean() {
                return median * Math.exp(sigma * sigma / 2);
            }

            @Override
            public String describe() {
                double mean = mean();
                double p99 = median * Math.exp(sigma * 2.326);
                return String.format(Locale.ROOT, "lognormal, median %.1f s, σ %.1f (mean %.2f s, p99 %.1f s)",
                        median, sigma, mean, p99);
            }
        };
    }

    /** Uniform between {@code low} and {@code high} seconds. */
    static Draw uniform(double low, double high) {
        return new Draw() {
            @Override
            public double seconds(Random random) {
                return low + (high - low) * random.nextDouble();
            }

            @Override
            public double mean() {
                return (low + high) / 2;
            }

            @Override
            public String describe() {
                return String.format(Locale.ROOT, "uniform %s..%s s", Format.seconds(low), Format.seconds(high));
            }
        };
    }
}
