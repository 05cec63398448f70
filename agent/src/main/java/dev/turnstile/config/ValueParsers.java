package dev.turnstile.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the raw text of one setting into a value. Each parser throws {@link IllegalArgumentException}
 * whose message names the text and what was expected; the loader puts the key in front.
 */
final class ValueParsers {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,10}");
    private static final String ALL = "*";

    private ValueParsers() {
    }

    /** {@code true} or {@code false}, any case. */
    static boolean bool(String raw) {
        String value = raw.trim().toLowerCase(Locale.ROOT);
        if (value.equals("true")) {
            return true;
        }
        if (value.equals("false")) {
            return false;
        }
        throw Checks.invalid(Checks.quote(raw), "boolean", "true or false");
    }

    static int limit(String raw) {
        return wholeNumber(raw, "limit", Checks.LIMIT_EXPECTED);
    }

    /** The JVMs assumed before Redis was ever reached: a whole number ≥ 1. */
    static int expectedInstances(String raw) {
        return RedisSettings.Timings.expectedInstances(
                wholeNumber(raw, "number of expected instances", RedisSettings.Timings.EXPECTED_INSTANCES_EXPECTED),
                Checks.quote(raw));
    }

    static Duration redisTimeout(String raw) {
        return RedisSettings.Timings.timeout(Durations.parse(raw), Checks.quote(raw));
    }

    static Duration redisLease(String raw) {
        return RedisSettings.Timings.lease(Durations.parse(raw), Checks.quote(raw));
    }

    static int breakerFailures(String raw) {
        return wholeNumber(raw, "breaker failure count", Checks.BREAKER_FAILURES_EXPECTED);
    }

    private static int wholeNumber(String raw, String what, String expected) {
        String value = raw.trim();
        long parsed = WHOLE_NUMBER.matcher(value).matches() ? Long.parseLong(value) : -1;
        if (parsed < 0 || parsed > Integer.MAX_VALUE) {
            throw Checks.invalid(Checks.quote(raw), what, expected);
        }
        return (int) parsed;
    }

    /** A per-minute budget ({@code rpm}, {@code tpm}): a whole number from 0 (off) to {@code max}. */
    static long budget(String raw, String what, long max) {
        String value = raw.trim();
        long parsed = WHOLE_NUMBER.matcher(value).matches() ? Long.parseLong(value) : -1;
        if (parsed < 0 || parsed > max) {
            throw Checks.invalid(Checks.quote(raw), what, Checks.BUDGET_EXPECTED);
        }
        return parsed;
    }

    static Duration duration(String raw) {
        return Durations.parse(raw);
    }

    /** A duration that must be greater than zero; {@code what} and {@code example} word the failure. */
    static Duration positiveDuration(String raw, String what, String example) {
        Duration duration = Durations.parse(raw);
        if (duration.isZero()) {
            throw Checks.invalid(Checks.quote(raw), what, "a duration > 0 such as " + example);
        }
        return duration;
    }

    static List<HostPattern> hosts(String raw) {
        List<String> items = commaList(raw);
        if (items.isEmpty()) {
            throw Checks.invalid(Checks.quote(raw), "host list", "a comma list of " + HostPattern.EXPECTED);
        }
        List<HostPattern> hosts = new ArrayList<>();
        for (String item : items) {
            hosts.add(HostPattern.parse(item));
        }
        return hosts;
    }

    /** Methods are checked by {@link ProviderConfig.Builder#methods}; here only emptiness. */
    static List<String> methods(String raw) {
        List<String> items = commaList(raw);
        if (items.isEmpty()) {
            throw Checks.invalid(Checks.quote(raw), "method list",
                    "a comma list of HTTP methods such as POST or GET,POST, or * for all");
        }
        return items;
    }

    /** Path prefixes are checked by {@link ProviderConfig.Builder#paths}; empty or {@code *} means all. */
    static List<String> paths(String raw) {
        List<String> items = commaList(raw);
        return items.equals(List.of(ALL)) ? List.of() : items;
    }

    static Set<Integer> statuses(String raw) {
        List<String> items = commaList(raw);
        if (items.isEmpty()) {
            throw Checks.invalid(Checks.quote(raw), "status list", "a comma list of " + BackoffConfig.STATUS_EXPECTED);
        }
        Set<Integer> statuses = new LinkedHashSet<>();
        for (String item : items) {
            int status = item.length() == 3 && item.chars().allMatch(c -> c >= '0' && c <= '9')
                    ? Integer.parseInt(item) : -1;
            if (status < 100 || status > 599) {
                throw Checks.invalid(Checks.quote(item), "HTTP status", BackoffConfig.STATUS_EXPECTED);
            }
            statuses.add(status);
        }
        return statuses;
    }

    /** An HTTP header name, or empty (no header) for a blank value. */
    static Optional<String> optionalHeaderName(String raw) {
        String value = raw.trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(Checks.headerName(value));
    }

    /**
     * A secret as written (not trimmed: spaces may be part of it), or empty for an empty value. A
     * control character or line break is refused as a likely copy error, and the message shows
     * {@code (hidden)}, never the value.
     */
    static Optional<String> optionalSecret(String raw, String what) {
        if (raw.chars().anyMatch(Character::isISOControl)) {
            throw Checks.invalid("\"(hidden)\"", what, "printable characters, without control characters or line breaks");
        }
        return raw.isEmpty() ? Optional.empty() : Optional.of(raw);
    }

    /** A file path, or empty (no file) for a blank value. */
    static Optional<Path> optionalPath(String raw) {
        String value = raw.trim();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(value));
        } catch (InvalidPathException e) {
            throw Checks.invalid(Checks.quote(raw), "file path", "a path to a properties file (" + e.getReason() + ")");
        }
    }

    /** The trimmed, non-empty items of a comma list. */
    static List<String> commaList(String raw) {
        List<String> items = new ArrayList<>();
        for (String item : raw.split(",")) {
            String trimmed = item.trim();
            if (!trimmed.isEmpty()) {
                items.add(trimmed);
            }
        }
        return items;
    }
}
