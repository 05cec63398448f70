package dev.turnstile.console.text;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations read as the agent's configuration reads them, and times and limits written short. */
public final class Formats {

    public static final String DURATION_FORMS = "250ms, 30s, 10m, 1h or ISO-8601 PT30S";
    /** The longest duration Turnstile takes (it counts in nanoseconds); longer ones are refused here, in words. */
    private static final Duration LONGEST = Duration.ofHours(2_562_047);
    private static final Pattern SHORT_FORM = Pattern.compile("(\\d{1,12})(ms|s|m|h)");

    private Formats() {
    }

    /**
     * A positive duration: {@code 250ms}, {@code 30s}, {@code 10m}, {@code 1h} or ISO-8601.
     *
     * @throws IllegalArgumentException in one line naming the text and the accepted forms
     */
    public static Duration positiveDuration(String text) {
        String trimmed = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Duration duration = null;
        Matcher shortForm = SHORT_FORM.matcher(trimmed);
        try {
            if (shortForm.matches()) {
                long amount = Long.parseLong(shortForm.group(1));
                switch (shortForm.group(2)) {
                    case "ms": duration = Duration.ofMillis(amount); break;
                    case "s": duration = Duration.ofSeconds(amount); break;
                    case "m": duration = Duration.ofMinutes(amount); break;
                    default: duration = Duration.ofHours(amount);
                }
            } else if (trimmed.startsWith("p")) {
                duration = Duration.parse(trimmed);
            }
        } catch (ArithmeticException | DateTimeParseException malformed) {
            duration = null;
        }
        if (duration != null && duration.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("bad duration '" + text + "': expected a positive duration up to "
                    + LONGEST.toHours() + "h (about 292 years)");
        }
        if (duration == null || duration.isNegative() || duration.isZero() || duration.toMillis() <= 0) {
            String hint = trimmed.matches("\\d+") ? " (a number needs a unit, e.g. " + trimmed + "s)" : "";
            throw new IllegalArgumentException("bad duration '" + text + "': expected a positive duration such as "
                    + DURATION_FORMS + hint);
        }
        return duration;
    }

    /**
     * A limit: a whole number ≥ 0, 0 meaning unlimited.
     *
     * @throws IllegalArgumentException in one line for anything else
     */
    public static int limit(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.matches("\\d{1,9}")) {
            return Integer.parseInt(trimmed);
        }
        if (trimmed.matches("-\\d+")) {
            throw new IllegalArgumentException("bad limit '" + text + "': a limit cannot be negative (0 = unlimited)");
        }
        throw new IllegalArgumentException("bad limit '" + text + "': expected a whole number ≥ 0 (0 = unlimited)");
    }

    /** {@code unlimited} for 0, else the number. */
    public static String limitText(int limit) {
        return limit == 0 ? "unlimited" : String.valueOf(limit);
    }

    /** {@code 850ms}, {@code 12.3s}, {@code 4m05s}, {@code 1h02m}. */
    public static String millis(long millis) {
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
    }

    /** A percentile in milliseconds: {@code -} when unknown, whole ms below 10 s. */
    public static String percentile(double millis) {
        if (Double.isNaN(millis) || millis < 0) {
            return "-";
        }
        if (millis < 10) {
            return String.format(Locale.ROOT, "%.1fms", millis);
        }
        return millis((long) Math.round(millis));
    }
}
