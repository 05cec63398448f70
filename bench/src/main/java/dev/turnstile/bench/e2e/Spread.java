package dev.turnstile.bench.e2e;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The median of repeated measurements with their minimum and maximum. */
public final class Spread {

    public final double median;
    public final double min;
    public final double max;
    public final int count;
    /** Where the true median lies, without assuming how the values are spread: see {@link Interval}. */
    public final Interval interval;

    private Spread(double median, double min, double max, int count, Interval interval) {
        this.median = median;
        this.min = min;
        this.max = max;
        this.count = count;
        this.interval = interval;
    }

    /**
     * The k-th smallest to the k-th largest of n values, which holds the median of what they were
     * drawn from with probability {@code coverage} = 1 - 2 P(Binomial(n, ½) < k), whatever their
     * distribution (values independent). k is the largest that keeps the coverage at 95 % or more;
     * under 6 values none does, and the interval is the minimum to the maximum, with its own
     * (lower) coverage.
     */
    public static final class Interval {

        public final double low;
        public final double high;
        public final double coverage;

        Interval(double low, double high, double coverage) {
            this.low = low;
            this.high = high;
            this.coverage = coverage;
        }

        /** {@code [-1.2, +3.4] (96 %)} with the given number format. */
        public String format(String numberFormat) {
            return "[" + Markdown.number(numberFormat, low) + ", " + Markdown.number(numberFormat, high) + "] ("
                    + Math.round(coverage * 100) + " %)";
        }
    }

    /** The median of an even count is the mean of the two middle values. */
    public static Spread of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Spread(median, sorted.get(0), sorted.get(n - 1), n, interval(sorted));
    }

    private static Interval interval(List<Double> sorted) {
        int n = sorted.size();
        int k = 1;
        while (k < n / 2 && coverage(n, k + 1) >= 0.95) {
            k++;
        }
        return new Interval(sorted.get(k - 1), sorted.get(n - k), coverage(n, k));
    }

    /** 1 - 2 P(Binomial(n, ½) < k): how often the k-th smallest and k-th largest of n straddle the median. */
    static double coverage(int n, int k) {
        double below = 0;
        double term = Math.pow(0.5, n); // P(X = 0)
        for (int i = 0; i < k; i++) {
            below += term;
            term = term * (n - i) / (i + 1);
        }
        return 1 - 2 * below;
    }

    /** Element by element {@code a[i] / b[i]}: ratios of measurements paired by round. */
    public static List<Double> ratios(List<Double> a, List<Double> b) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            ratios.add(a.get(i) / b.get(i));
        }
        return ratios;
    }

    /** Element by element {@code a[i] - b[i]}. */
    public static List<Double> differences(List<Double> a, List<Double> b) {
        List<Double> differences = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            differences.add(a.get(i) - b.get(i));
        }
        return differences;
    }

    /** {@code 123 (118–131)} with the given number format; {@code -2 (-5 to +3)} when a bound is negative. */
    public String format(String numberFormat) {
        String to = min < 0 ? " to " : "–";
        return Markdown.number(numberFormat, median) + " (" + Markdown.number(numberFormat, min) + to
                + Markdown.number(numberFormat, max) + ")";
    }
}
