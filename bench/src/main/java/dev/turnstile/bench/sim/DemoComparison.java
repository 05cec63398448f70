package dev.turnstile.bench.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbers of one {@code demo-app/run-demo.sh --compare} run, read from its table, whose columns
 * are "no agent", "Turnstile" and "Turnstile FIFO".
 */
record DemoComparison(Column noAgent, Column turnstile, Column fifo) {

    /** One column: mean and p95 turn time in seconds, 429s received. */
    record Column(double meanSeconds, double p95Seconds, long rateLimited) {
    }

    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

    /** The table of a saved {@code --compare} output, or empty when it has none (the run failed). */
    static Optional<DemoComparison> read(Path output) throws IOException {
        if (!Files.isRegularFile(output)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(output);
        Optional<double[]> mean = row(lines, "mean turn time");
        Optional<double[]> p95 = row(lines, "p95 turn time");
        Optional<double[]> rateLimited = row(lines, "429s received");
        if (mean.isEmpty() || p95.isEmpty() || rateLimited.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DemoComparison(column(mean.get(), p95.get(), rateLimited.get(), 0),
                column(mean.get(), p95.get(), rateLimited.get(), 1),
                column(mean.get(), p95.get(), rateLimited.get(), 2)));
    }

    private static Column column(double[] mean, double[] p95, double[] rateLimited, int index) {
        return new Column(mean[index], p95[index], (long) rateLimited[index]);
    }

    /** The three numbers of the row that starts with {@code label}. */
    private static Optional<double[]> row(List<String> lines, String label) {
        for (String line : lines) {
            if (line.startsWith(label)) {
                List<Double> numbers = new ArrayList<>();
                Matcher matcher = NUMBER.matcher(line.substring(label.length()));
                while (matcher.find()) {
                    numbers.add(Double.parseDouble(matcher.group()));
                }
                if (numbers.size() >= 3) {
                    return Optional.of(new double[] {numbers.get(0), numbers.get(1), numbers.get(2)});
                }
            }
        }
        return Optional.empty();
    }
}
