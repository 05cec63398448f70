package dev.turnstile.observability.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a Prometheus text endpoint: each series ({@code name{labels}}) with its value, and
 * each family's {@code # TYPE} and {@code # HELP}. Label order inside a series is kept as served,
 * so look series up with {@link #value(String, String...)}, which matches labels in any order.
 */
public final class Scrape {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+).*$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String text;
    private final Map<String, Map<Map<String, String>, Double>> samples = new LinkedHashMap<>();
    private final Map<String, String> types = new HashMap<>();
    private final Map<String, String> helps = new HashMap<>();

    private Scrape(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] words = line.split(" ", 4);
                types.put(words[2], words[3].trim());
            } else if (line.startsWith("# HELP ")) {
                String[] words = line.split(" ", 4);
                helps.put(words[2], words.length > 3 ? words[3] : "");
            } else if (!line.startsWith("#")) {
                Matcher sample = SAMPLE.matcher(line);
                if (sample.matches()) {
                    Map<String, String> labels = new HashMap<>();
                    Matcher label = LABEL.matcher(sample.group(3) == null ? "" : sample.group(3));
                    while (label.find()) {
                        labels.put(label.group(1), label.group(2));
                    }
                    samples.computeIfAbsent(sample.group(1), name -> new LinkedHashMap<>())
                            .put(labels, Double.parseDouble(sample.group(4)));
                }
            }
        }
    }

    /** GETs {@code url}, which must answer 200. */
    public static Scrape of(String url) throws IOException, InterruptedException {
        return new Scrape(get(url));
    }

    /** The body of a GET that must answer 200. */
    public static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /**
     * The value of the series {@code name} whose labels include {@code labels} (name, value, name,
     * value...), or null when there is none.
     */
    public Double value(String name, String... labels) {
        for (Map.Entry<Map<String, String>, Double> series : samples.getOrDefault(name, Map.of()).entrySet()) {
            boolean matches = true;
            for (int i = 0; i < labels.length; i += 2) {
                matches &= labels[i + 1].equals(series.getKey().get(labels[i]));
            }
            if (matches) {
                return series.getValue();
            }
        }
        return null;
    }

    /** Every series name served, for messages and prefix checks. */
    public java.util.Set<String> names() {
        return samples.keySet();
    }

    /** The {@code # TYPE} of a metric family (for a counter, the name without {@code _total}). */
    public String type(String family) {
        return types.get(family);
    }

    /** The {@code # HELP} of a metric family. */
    public String help(String family) {
        return helps.get(family);
    }

    @Override
    public String toString() {
        return text;
    }
}
