package dev.turnstile.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what {@link ResultsTable} needs from a JMH JSON result ({@code -rf json}): per benchmark
 * its primary score's median, minimum and maximum over the measurement iterations (JMH's
 * percentiles 50, 0 and 100) and the allocation per operation. JMH writes one fixed layout,
 * so a few patterns over each benchmark's block do; this is no general JSON reader.
 */
final class JmhJson {

    /** One benchmark (and parameter value) of the run. */
    static final class Result {
        String benchmark;
        String mode;
        int threads;
        String param = "";
        double median;
        double min;
        double max;
        String unit;
        double allocPerOp = Double.NaN;
    }

    private static final String NUMBER = "\"?([-+0-9.eE]+|NaN)\"?";
    private static final Pattern BENCHMARK = Pattern.compile("\"benchmark\" : \"([^\"]+)\"");
    private static final Pattern MODE = Pattern.compile("\"mode\" : \"([^\"]+)\"");
    private static final Pattern THREADS = Pattern.compile("\"threads\" : (\\d+)");
    private static final Pattern PARAM = Pattern.compile("\"params\" : \\{\\s*\"[^\"]+\" : \"([^\"]*)\"");
    private static final Pattern MIN = Pattern.compile("\"0\\.0\" : " + NUMBER);
    private static final Pattern MEDIAN = Pattern.compile("\"50\\.0\" : " + NUMBER);
    private static final Pattern MAX = Pattern.compile("\"100\\.0\" : " + NUMBER);
    private static final Pattern UNIT = Pattern.compile("\"scoreUnit\" : \"([^\"]+)\"");
    private static final Pattern SCORE = Pattern.compile("\"score\" : " + NUMBER);

    private JmhJson() {
    }

    static List<Result> parse(String json) {
        List<Result> results = new ArrayList<>();
        String[] blocks = json.split("\"jmhVersion\"");
        for (int i = 1; i < blocks.length; i++) {
            results.add(result(blocks[i]));
        }
        return results;
    }

    private static Result result(String block) {
        int primary = block.indexOf("\"primaryMetric\"");
        int secondary = block.indexOf("\"secondaryMetrics\"");
        String primaryMetric = block.substring(primary, secondary < 0 ? block.length() : secondary);
        Result result = new Result();
        result.benchmark = first(BENCHMARK, block);
        result.mode = first(MODE, block);
        result.threads = Integer.parseInt(first(THREADS, block));
        Matcher param = PARAM.matcher(block);
        if (param.find()) {
            result.param = param.group(1);
        }
        result.min = number(first(MIN, primaryMetric));
        result.median = number(first(MEDIAN, primaryMetric));
        result.max = number(first(MAX, primaryMetric));
        result.unit = first(UNIT, primaryMetric);
        int alloc = block.indexOf("\"gc.alloc.rate.norm\"");
        if (alloc >= 0) {
            result.allocPerOp = number(first(SCORE, block.substring(alloc)));
        }
        return result;
    }

    private static String first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalArgumentException("not a JMH JSON result: no " + pattern.pattern());
        }
        return matcher.group(1);
    }

    private static double number(String text) {
        return text.equals("NaN") ? Double.NaN : Double.parseDouble(text);
    }
}
