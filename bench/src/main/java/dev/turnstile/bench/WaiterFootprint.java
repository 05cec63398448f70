package dev.turnstile.bench;

import dev.turnstile.bench.e2e.app.SettledHeap;
import dev.turnstile.core.CallRequest;
import dev.turnstile.core.Outcome;
import dev.turnstile.core.Permit;
import dev.turnstile.core.PermitFuture;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Target 4: the heap retained per queued asynchronous waiter should be at most 300 bytes.
 *
 * <p>Not a JMH benchmark but a plain main: it holds the one slot of a provider with limit 1,
 * queues {@code count} anonymous asynchronous calls behind it (the caller keeps no reference to
 * the futures, so only what the scheduler retains is counted), and compares the used heap
 * after several full GCs before and after. As a cross-check it diffs two live-object class
 * histograms ({@code jcmd <pid> GC.class_histogram}, which itself runs a full GC), so one can see
 * which objects make up each waiter.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.turnstile.bench.WaiterFootprint [count] [--no-histogram]</pre>
 */
public final class WaiterFootprint {

    private static final double TARGET_BYTES = 300;
    private static final Pattern HISTOGRAM_LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    private WaiterFootprint() {
    }

    public static void main(String[] args) throws Exception {
        int count = 100_000;
        boolean histogram = true;
        for (String arg : args) {
            if (arg.equals("--no-histogram")) {
                histogram = false;
            } else {
                count = Integer.parseInt(arg.replace("_", ""));
            }
        }
        printEnvironment();

        try (Fixture fixture = new Fixture(1)) {
            Permit held = fixture.scheduler.acquire(CallRequest.of(Fixture.PROVIDER, null));

            // Load and initialise every class on the path (class mirrors live in the heap too),
            // and let the waiter heap grow and shrink once, before the baseline.
            List<PermitFuture> warmUp = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                warmUp.add(fixture.scheduler.acquireAsync(CallRequest.of(Fixture.PROVIDER, null)));
            }
            warmUp.forEach(f -> f.cancel(false));
            warmUp = null;

            long before = SettledHeap.usedBytes();
            Map<String, long[]> histogramBefore = histogram ? classHistogram() : Map.of();

            for (int i = 0; i < count; i++) {
                fixture.scheduler.acquireAsync(CallRequest.of(Fixture.PROVIDER, null));
            }

            long after = SettledHeap.usedBytes();
            Map<String, long[]> histogramAfter = histogram ? classHistogram() : Map.of();

            int queued = fixture.queued();
            if (queued != count) {
                throw new IllegalStateException("expected " + count + " queued, found " + queued);
            }
            double perWaiter = (after - before) / (double) count;
            System.out.printf(Locale.ROOT, "queued waiters:            %,d%n", count);
            System.out.printf(Locale.ROOT, "heap used before / after:  %,d / %,d bytes (MemoryMXBean, after full GCs)%n",
                    before, after);
            System.out.printf(Locale.ROOT, "retained per waiter:       %.1f bytes (target <= %.0f: %s)%n",
                    perWaiter, TARGET_BYTES, perWaiter <= TARGET_BYTES ? "met" : "MISSED");
            if (histogram) {
                printHistogramDiff(histogramBefore, histogramAfter, count);
            }

            Reference.reachabilityFence(fixture);
            held.release(Outcome.SUCCESS);
        }
    }

    private static void printEnvironment() {
        Runtime runtime = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "JVM: %s %s, max heap %,d MB, GC: %s, compressed oops: %s%n",
                System.getProperty("java.vm.name"), System.getProperty("java.vm.version"),
                runtime.maxMemory() >> 20,
                ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", ")),
                vmOption("UseCompressedOops"));
    }

    private static String vmOption(String name) {
        try {
            return ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .getVMOption(name).getValue();
        } catch (RuntimeException | LinkageError e) {
            return "unknown";
        }
    }

    /** Live objects per class, {instances, bytes}, from {@code jcmd <pid> GC.class_histogram}. */
    private static Map<String, long[]> classHistogram() throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        String command = Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd";
        Process process = new ProcessBuilder(command, Long.toString(ProcessHandle.current().pid()),
                "GC.class_histogram").redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (process.waitFor() != 0) {
            throw new IOException(command + " failed: " + output);
        }
        Map<String, long[]> classes = new HashMap<>();
        for (String line : output.split("\n")) {
            Matcher m = HISTOGRAM_LINE.matcher(line);
            if (m.find()) {
                classes.put(m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
            }
        }
        return classes;
    }

    /** Classes whose live bytes grew by at least 1 byte per waiter, largest first. */
    private static void printHistogramDiff(Map<String, long[]> before, Map<String, long[]> after, int count) {
        List<String[]> rows = new ArrayList<>();
        long totalBytes = 0;
        for (Map.Entry<String, long[]> entry : after.entrySet()) {
            long[] was = before.getOrDefault(entry.getKey(), new long[2]);
            long instances = entry.getValue()[0] - was[0];
            long bytes = entry.getValue()[1] - was[1];
            totalBytes += bytes;
            if (bytes >= count) {
                rows.add(new String[] {entry.getKey(), Long.toString(instances), Long.toString(bytes)});
            }
        }
        for (Map.Entry<String, long[]> entry : before.entrySet()) {
            if (!after.containsKey(entry.getKey())) {
                totalBytes -= entry.getValue()[1];
            }
        }
        rows.sort((a, b) -> Long.compare(Long.parseLong(b[2]), Long.parseLong(a[2])));
        System.out.println();
        System.out.println("class histogram diff (jcmd GC.class_histogram, live objects):");
        System.out.printf(Locale.ROOT, "  %-40s %12s %14s %12s%n", "class", "+instances", "+bytes", "bytes/waiter");
        for (String[] row : rows) {
            System.out.printf(Locale.ROOT, "  %-40s %,12d %,14d %12.1f%n", row[0], Long.parseLong(row[1]),
                    Long.parseLong(row[2]), Long.parseLong(row[2]) / (double) count);
        }
        System.out.printf(Locale.ROOT, "  %-40s %12s %,14d %12.1f%n", "all classes", "", totalBytes,
                totalBytes / (double) count);
    }
}
