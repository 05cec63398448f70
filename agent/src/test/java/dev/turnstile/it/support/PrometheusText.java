package dev.turnstile.it.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scrape in the Prometheus text format, read just enough to check it: the {@code # TYPE} and
 * {@code # HELP} of each family and the value of each sample by name and labels.
 */
public final class PrometheusText {

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String text;
    private final Map<String, String> types = new TreeMap<>();
    private final Map<String, String> helps = new TreeMap<>();
    private final Map<String, List<Sample>> samples = new LinkedHashMap<>();

    private static final class Sample {
        final Map<String, String> labels;
        final double value;

        Sample(Map<String, String> labels, double value) {
            this.labels = labels;
            this.value = value;
        }
    }

    private PrometheusText(String text) {
        this.text = text;
    }

    public static PrometheusText parse(String text) {
        PrometheusText scrape = new PrometheusText(text);
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ", 2);
                scrape.types.put(parts[0], parts[1].trim());
            } else if (line.startsWith("# HELP ")) {
                String[] parts = line.substring(7).split(" ", 2);
                scrape.helps.put(parts[0], parts.length > 1 ? parts[1] : "");
            } else if (!line.isBlank() && !line.startsWith("#")) {
                Matcher sample = SAMPLE.matcher(line.trim());
                if (!sample.matches()) {
                    throw new IllegalArgumentException("not a sample line: " + line);
                }
                Map<String, String> labels = new TreeMap<>();
                if (sample.group(2) != null) {
                    Matcher label = LABEL.matcher(sample.group(2));
                    while (label.find()) {
                        labels.put(label.group(1), label.group(2));
                    }
                }
                scrape.samples.computeIfAbsent(sample.group(1), k -> new ArrayList<>())
                        .add(new Sample(labels, Double.parseDouble(sample.group(3))));
            }
        }
        return scrape;
    }

    /** Family name to type ({@code gauge}, {@code counter}, ...), for families whose name starts with {@code prefix}. */
    public Map<String, String> typesStartingWith(String prefix) {
        Map<String, String> found = new TreeMap<>();
        types.forEach((name, type) -> {
            if (name.startsWith(prefix)) {
                found.put(name, type);
            }
        });
        return found;
    }

    public String help(String family) {
        return helps.get(family);
    }

    /** The label sets of the samples named {@code name}. */
    public List<Map<String, String>> labelSets(String name) {
        List<Map<String, String>> sets = new ArrayList<>();
        samples.getOrDefault(name, List.of()).forEach(sample -> sets.add(sample.labels));
        return sets;
    }

    /** The value of the sample named {@code name} with exactly {@code labels}, or null. */
    public Double value(String name, Map<String, String> labels) {
        for (Sample sample : samples.getOrDefault(name, List.of())) {
            if (sample.labels.equals(labels)) {
                return sample.value;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return text;
    }
}
