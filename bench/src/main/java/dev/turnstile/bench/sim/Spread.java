package dev.turnstile.bench.sim;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** One metric over several simulated runs (seeds): its average and range. */
record Spread(double average, double min, double max) {

    static Spread of(List<RunResult> runs, ToDoubleFunction<RunResult> metric) {
        return new Spread(runs.stream().mapToDouble(metric).average().orElse(Double.NaN),
                runs.stream().mapToDouble(metric).min().orElse(Double.NaN),
                runs.stream().mapToDouble(metric).max().orElse(Double.NaN));
    }

    /** "11.9 (11.6–12.1)". */
    String text() {
        return Format.oneDecimal(average) + " (" + Format.oneDecimal(min) + "–" + Format.oneDecimal(max) + ")";
    }

    /** The range to one decimal, the precision the demo prints. */
    String range() {
        return Format.oneDecimal(min) + "–" + Format.oneDecimal(max);
    }

    /** Whether a value printed with one decimal lies in the range, at that precision. */
    boolean contains(double oneDecimal) {
        return oneDecimal >= Math.round(min * 10) / 10.0 && oneDecimal <= Math.round(max * 10) / 10.0;
    }
}
