package dev.turnstile.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Turns one JMH run ({@code -rf csv}, or {@code -rf json} for medians with ranges; ideally with
 * {@code -prof gc}) and the output of
 * {@link WaiterFootprint} into the Markdown results table of {@code bench/README.md}: scores,
 * allocation per operation, ratios to the baseline measured in the same run, and whether each
 * target of the issue is met.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.turnstile.bench.ResultsTable JMH_CSV [FOOTPRINT_TXT] [COMMAND]</pre>
 */
public final class ResultsTable {

    private static final String PKG = "dev.turnstile.bench.";

    /** One primary result row of the CSV, with its gc.alloc.rate.norm if present. */
    private static final class Row {
        String benchmark; // Class.method, without the package
        String mode;
        int threads;
        double score;
        double error;
        String unit;
        String param = "";
        double allocPerOp = Double.NaN;
        double min = Double.NaN; // over the iterations, when read from JSON
        double max = Double.NaN;
    }

    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final StringBuilder out = new StringBuilder();
    /** How a score's spread is shown: JMH's error from CSV, the iterations' range from JSON. */
    private String spread = "± 99.9 % error";

    private ResultsTable() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ResultsTable JMH_CSV|JMH_JSON [FOOTPRINT_TXT] [COMMAND]");
            System.exit(2);
        }
        ResultsTable table = new ResultsTable();
        if (args[0].endsWith(".json")) {
            table.readJson(Path.of(args[0]));
        } else {
            table.read(Path.of(args[0]));
        }
        String footprint = args.length > 1 && Files.exists(Path.of(args[1]))
                ? Files.readString(Path.of(args[1]), StandardCharsets.UTF_8) : null;
        String command = args.length > 2 ? args[2] : null;
        table.write(footprint, command);
        System.out.print(table.out);
    }

    // ---------------------------------------------------------------- reading

    private void read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<String> header = split(lines.get(0));
        int paramColumn = header.size() > 7 ? 7 : -1;
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = split(line);
            if (f.size() < 7) {
                continue;
            }
            String name = f.get(0).startsWith(PKG) ? f.get(0).substring(PKG.length()) : f.get(0);
            String param = paramColumn >= 0 && f.size() > paramColumn ? f.get(paramColumn) : "";
            int colon = name.indexOf(':');
            if (colon >= 0) {
                // A secondary metric, e.g. "X.y:gc.alloc.rate.norm" (JMH 1.37) or "X.y:·gc.alloc.rate.norm".
                if (name.endsWith("gc.alloc.rate.norm")) {
                    Row primary = rows.get(key(name.substring(0, colon), param));
                    if (primary != null) {
                        primary.allocPerOp = number(f.get(4));
                    }
                }
                continue;
            }
            Row row = new Row();
            row.benchmark = name;
            row.mode = f.get(1);
            row.threads = (int) number(f.get(2));
            row.score = number(f.get(4));
            row.error = number(f.get(5));
            row.unit = f.get(6);
            row.param = param;
            rows.put(key(name, param), row);
        }
    }

    private void readJson(Path json) throws IOException {
        spread = "median (min–max)";
        for (JmhJson.Result result : JmhJson.parse(Files.readString(json, StandardCharsets.UTF_8))) {
            Row row = new Row();
            row.benchmark = result.benchmark.startsWith(PKG) ? result.benchmark.substring(PKG.length()) : result.benchmark;
            row.mode = result.mode;
            row.threads = result.threads;
            row.score = result.median;
            row.error = Double.NaN;
            row.min = result.min;
            row.max = result.max;
            row.unit = result.unit;
            row.param = result.param;
            row.allocPerOp = result.allocPerOp;
            rows.put(key(row.benchmark, row.param), row);
        }
    }

    private static String key(String benchmark, String param) {
        return benchmark + "|" + param;
    }

    private static double number(String s) {
        return s.isEmpty() || s.equals("NaN") ? Double.NaN : Double.parseDouble(s);
    }

    /** Splits one CSV line; fields may be quoted. */
    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private Optional<Row> row(String benchmark, String param) {
        return Optional.ofNullable(rows.get(key(benchmark, param)));
    }

    private Optional<Row> row(String benchmark) {
        return row(benchmark, "");
    }

    // ---------------------------------------------------------------- writing

    private void write(String footprint, String command) throws IOException {
        line("Measured " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME) + " on "
                + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores; JDK "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version") + ".");
        if (command != null) {
            line("");
            line("Command: `" + command + "`");
        }
        uncontended();
        contended();
        queueDepth();
        footprint(footprint);
    }

    private void uncontended() {
        String cls = "UncontendedBenchmark.";
        Optional<Row> base = row(cls + "semaphore");
        if (base.isEmpty()) {
            return;
        }
        line("");
        line("### 1. Uncontended acquire + release (1 thread, limit 1000; lower is better)");
        line("");
        line("| benchmark | ns/op " + spread + " | alloc B/op | × Semaphore |");
        line("| --- | ---: | ---: | ---: |");
        for (String m : new String[] {"semaphore", "turnstileAgent", "turnstileFifo", "refLockUnlock", "refNanoTime"}) {
            row(cls + m).ifPresent(r -> line("| " + r.benchmark + " | " + score(r) + " | " + alloc(r) + " | "
                    + ratio(r.score / base.get().score) + " |"));
        }
        line("");
        for (String m : new String[] {"turnstileAgent", "turnstileFifo"}) {
            row(cls + m).ifPresent(r -> {
                double ratio = r.score / base.get().score;
                line("- Target 1, `" + m + "`: " + verdict(ratio <= 2.0, "×" + fmt(ratio) + " Semaphore (target ≤ ×2)")
                        + "; " + verdict(r.score < 200, fmt(r.score) + " ns (target < 200 ns)") + ".");
            });
        }
    }

    private void contended() {
        String cls = "ContendedBenchmark.";
        Optional<Row> base = row(cls + "fairSemaphore");
        if (base.isEmpty()) {
            return;
        }
        line("");
        line("### 2. " + base.get().threads + " threads on a limit of 4 (higher is better)");
        line("");
        line("| benchmark | ops/µs " + spread + " | alloc B/op | throughput × fair Semaphore |");
        line("| --- | ---: | ---: | ---: |");
        for (String m : new String[] {"fairSemaphore", "unfairSemaphore", "turnstileAgent", "turnstileFifo"}) {
            row(cls + m).ifPresent(r -> line("| " + r.benchmark + " | " + score(r) + " | " + alloc(r) + " | "
                    + ratio(r.score / base.get().score) + " |"));
        }
        line("");
        for (String m : new String[] {"turnstileAgent", "turnstileFifo"}) {
            row(cls + m).ifPresent(r -> {
                double slowdown = base.get().score / r.score;
                line("- Target 2, `" + m + "`: " + verdict(slowdown <= 3.0, slowdown <= 1
                        ? fmt(1 / slowdown) + "× the fair Semaphore's throughput (target ≥ ⅓×)"
                        : fmt(slowdown) + "× slower than the fair Semaphore (target ≤ 3×)") + ".");
            });
        }
    }

    private void queueDepth() {
        String cls = "QueueDepthBenchmark.";
        List<Row> all = new ArrayList<>();
        for (Row r : rows.values()) {
            if (r.benchmark.startsWith(cls)) {
                all.add(r);
            }
        }
        if (all.isEmpty()) {
            return;
        }
        line("");
        line("### 3. Cost with N waiters queued (1 thread, limit 1; lower is better)");
        line("");
        line("| benchmark | waiters | ns/op " + spread + " | alloc B/op | × at the fewest waiters |");
        line("| --- | ---: | ---: | ---: | ---: |");
        List<String> verdicts = new ArrayList<>();
        for (String m : new String[] {"enqueueAndGrant", "enqueueAndCancel", "enqueueAndFail"}) {
            List<Row> series = new ArrayList<>();
            for (Row r : all) {
                if (r.benchmark.equals(cls + m)) {
                    series.add(r);
                }
            }
            series.sort((a, b) -> Integer.compare(Integer.parseInt(a.param), Integer.parseInt(b.param)));
            if (series.isEmpty()) {
                continue;
            }
            Row first = series.get(0);
            Row last = series.get(series.size() - 1);
            for (Row r : series) {
                line("| " + r.benchmark + " | " + r.param + " | " + score(r) + " | " + alloc(r) + " | "
                        + ratio(r.score / first.score) + " |");
            }
            // Pure c·log(n) grows by log(nLast)/log(nFirst) from the first to the last point; any
            // constant part makes it grow less. Growing no more than that is "no worse than log".
            double grew = last.score / first.score;
            double logBound = Math.log(Double.parseDouble(last.param)) / Math.log(Double.parseDouble(first.param));
            double linear = Double.parseDouble(last.param) / Double.parseDouble(first.param);
            verdicts.add("- Target 3, `" + m + "`: " + verdict(grew <= logBound, "×" + fmt(grew) + " from "
                    + first.param + " to " + last.param + " waiters (logarithmic bound ×" + fmt(logBound)
                    + "; linear would be ×" + fmt(linear) + ")") + ".");
        }
        line("");
        verdicts.forEach(this::line);
    }

    private void footprint(String text) {
        if (text == null) {
            return;
        }
        line("");
        line("### 4. Retained heap per queued waiter (`WaiterFootprint`)");
        line("");
        line("```");
        Stream.of(text.split("\n")).filter(l -> !l.isBlank()).forEach(this::line);
        line("```");
        Stream.of(text.split("\n")).filter(l -> l.startsWith("retained per waiter:")).findFirst().ifPresent(l -> {
            String value = l.replaceAll("^retained per waiter:\\s*([0-9.]+).*$", "$1");
            double bytes = Double.parseDouble(value);
            line("");
            line("- Target 4: " + verdict(bytes <= 300, fmt(bytes) + " bytes per waiter (target ≤ 300)") + ".");
        });
    }

    // ---------------------------------------------------------------- formatting

    private static String cpuModel() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.exists(cpuinfo)) {
            for (String l : Files.readAllLines(cpuinfo)) {
                if (l.startsWith("model name")) {
                    return l.substring(l.indexOf(':') + 1).trim();
                }
            }
        }
        return System.getProperty("os.arch");
    }

    private static String score(Row r) {
        if (!Double.isNaN(r.min)) {
            return fmt(r.score) + " (" + fmt(r.min) + "–" + fmt(r.max) + ")";
        }
        return fmt(r.score) + " ± " + fmt(r.error);
    }

    private static String alloc(Row r) {
        return Double.isNaN(r.allocPerOp) ? "–" : String.format(Locale.ROOT, "%.0f", r.allocPerOp);
    }

    private static String ratio(double ratio) {
        return "×" + fmt(ratio);
    }

    private static String verdict(boolean met, String what) {
        return (met ? "**met**, " : "**missed**, ") + what;
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", v);
    }

    private void line(String s) {
        out.append(s).append('\n');
    }
}
