package dev.turnstile.config;

import dev.turnstile.core.SchedulerSettings;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the configuration's durations: the short forms {@code 250ms}, {@code 30s},
 * {@code 10m}, {@code 1h}, a bare {@code 0}, or ISO-8601 such as {@code PT30S} (any case).
 * Negative durations are rejected: no setting has a use for them.
 */
public final class Durations {

    static final String EXPECTED = "a duration ≥ 0 such as 250ms, 30s, 10m, 1h, 0 or ISO-8601 PT30S";

    /** The longest duration any setting takes: the scheduler's own bound (it counts in nanoseconds). */
    public static final Duration LONGEST = SchedulerSettings.LONGEST;

    static final String LONGEST_EXPECTED = "at most " + LONGEST.toHours() + "h, about 292 years";

    // ASCII digits only (no UNICODE_CHARACTER_CLASS), so "٣s" is rejected, not silently read as 3s.
    private static final Pattern SHORT_FORM = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException naming the text and the accepted forms, for garbage and negatives
     */
    public static Duration parse(String text) {
        if (text == null) {
            throw Checks.invalid("null", "duration", EXPECTED);
        }
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        Duration parsed;
        try {
            parsed = parseTrimmed(trimmed);
        } catch (ArithmeticException | DateTimeParseException | NumberFormatException tooLargeOrMalformed) {
            parsed = null;
        }
        if (parsed == null || parsed.isNegative()) {
            throw Checks.invalid(Checks.quote(text), "duration", EXPECTED + hintFor(trimmed));
        }
        if (parsed.compareTo(LONGEST) > 0) {
            throw Checks.invalid(Checks.quote(text), "duration", EXPECTED + " (" + LONGEST_EXPECTED + ")");
        }
        return parsed;
    }

    private static Duration parseTrimmed(String text) {
        if (text.startsWith("p") || text.startsWith("-p") || text.startsWith("+p")) {
            return Duration.parse(text);
        }
        Matcher shortForm = SHORT_FORM.matcher(text);
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            switch (shortForm.group(2)) {
                case "ms":
                    return Duration.ofMillis(amount);
                case "s":
                    return Duration.ofSeconds(amount);
                case "m":
                    return Duration.ofMinutes(amount);
                default:
                    return Duration.ofHours(amount);
            }
        }
        if (DIGITS.matcher(text).matches() && Long.parseLong(text) == 0) {
            return Duration.ZERO;
        }
        return null;
    }

    private static String hintFor(String text) {
        return DIGITS.matcher(text).matches() ? " (a number other than 0 needs a unit, e.g. " + text + "s)" : "";
    }

    /**
     * The shortest exact text for a duration: the largest of {@code h}, {@code m}, {@code s}, {@code ms}
     * that divides it ({@code 90s}, {@code 1500ms}), {@code 0} for zero, and ISO-8601 for what the short
     * forms cannot say (sub-millisecond or negative values). {@link #parse} reads every result back.
     */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0";
        }
        long seconds = duration.getSeconds();
        int nanos = duration.getNano();
        if (duration.isNegative() || nanos % 1_000_000 != 0) {
            return duration.toString();
        }
        if (nanos == 0) {
            if (seconds % 3600 == 0) {
                return seconds / 3600 + "h";
            }
            if (seconds % 60 == 0) {
                return seconds / 60 + "m";
            }
            return seconds + "s";
        }
        if (seconds > Long.MAX_VALUE / 1000 - 1) {
            return duration.toString();
        }
        return seconds * 1000 + nanos / 1_000_000 + "ms";
    }
}
