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

    private Spread(double median, double min, double max, int count) {
        this.median = median;
        this.min = min;
        this.max = max;
        this.count = count;
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
        return new Spread(median, sorted.get(0), sorted.get(n - 1), n);
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
