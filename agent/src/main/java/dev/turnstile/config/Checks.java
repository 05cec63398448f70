package dev.turnstile.config;

import java.time.Duration;

/**
 * The value rules shared by the value objects and the loader, and the one wording of their failures:
 * {@code <value> is not a valid <what>; expected <expected>}.
 */
final class Checks {

    static final String LIMIT_EXPECTED = "a whole number ≥ 0 (0 = unlimited)";
    static final String BUDGET_EXPECTED = "a whole number ≥ 0 per minute (0 = off)";
    static final String BREAKER_FAILURES_EXPECTED = "a whole number ≥ 0 (0 = off)";
    static final String HEADER_EXPECTED = "an HTTP header name such as X-Turn-Start";

    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private Checks() {
    }

    /** Null is a bad value like any other: callers such as JMX writes expect IllegalArgumentException. */
    static <T> T notNull(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("null is not a valid " + what);
        }
        return value;
    }

    static int limit(int limit) {
        if (limit < 0) {
            throw invalid(String.valueOf(limit), "limit", LIMIT_EXPECTED);
        }
        return limit;
    }

    static long budget(long budget, String what) {
        if (budget < 0) {
            throw invalid(String.valueOf(budget), what, BUDGET_EXPECTED);
        }
        return budget;
    }

    static int breakerFailures(int failures) {
        if (failures < 0) {
            throw invalid(String.valueOf(failures), "breaker failure count", BREAKER_FAILURES_EXPECTED);
        }
        return failures;
    }

    /** A duration that must be greater than zero, e.g. a watchdog period. */
    static Duration positive(Duration value, String what, String example) {
        notNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw invalid(Durations.format(value), what, "a duration > 0 such as " + example);
        }
        return notTooLong(value, what);
    }

    /** A duration where zero has a meaning (none, immediately) but a negative value has none. */
    static Duration notNegative(Duration value, String what) {
        notNull(value, what);
        if (value.isNegative()) {
            throw invalid(Durations.format(value), what, Durations.EXPECTED);
        }
        return notTooLong(value, what);
    }

    private static Duration notTooLong(Duration value, String what) {
        if (value.compareTo(Durations.LONGEST) > 0) {
            throw invalid(Durations.format(value), what, "a duration " + Durations.LONGEST_EXPECTED);
        }
        return value;
    }

    static String headerName(String name) {
        if (name == null || !isHttpToken(name)) {
            throw invalid(quote(name), "header name", HEADER_EXPECTED);
        }
        return name;
    }

    /** RFC 9110 token: what header names (and methods) are made of. */
    static boolean isHttpToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean alphaNumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alphaNumeric && TOKEN_SYMBOLS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    static IllegalArgumentException invalid(String shownValue, String what, String expected) {
        return new IllegalArgumentException(shownValue + " is not a valid " + what + "; expected " + expected);
    }

    /** Quotes a raw text for a message, so that empty and blank values are visible. */
    static String quote(String raw) {
        return raw == null ? "null" : '"' + raw + '"';
    }
}
