package dev.turnstile.http;

/**
 * Reads the rate-limit hints of an LLM provider's response headers (what a pause does with them:
 * "Rate limits" in the root README's "How it schedules").
 *
 * <p>Headers read, all optional:
 * <ul>
 *   <li>{@code retry-after}: delta-seconds ({@code 120}, also decimal {@code 1.5}) or an
 *       HTTP-date (IMF-fixdate, RFC 850 or asctime);</li>
 *   <li>{@code retry-after-ms}: milliseconds, may be decimal;</li>
 *   <li>{@code x-ratelimit-reset-requests} (OpenAI): a Go duration such as {@code 6m0s},
 *       {@code 12ms} or {@code 1h2m3.5s};</li>
 *   <li>{@code anthropic-ratelimit-requests-reset}: an RFC 3339 timestamp;</li>
 *   <li>{@code x-ratelimit-remaining-requests}, {@code anthropic-ratelimit-requests-remaining}:
 *       a count of requests left.</li>
 * </ul>
 *
 * <p>This runs on every gated response, so the usual case (none of these headers) costs only
 * the lookups, and parsing is done by hand: no regular expressions, no exceptions.
 */
public final class RateLimitHeaders {

    /** Longer waits are capped to this (1 h), so that one absurd header cannot stall a provider for days. */
    public static final long MAX_DELAY_MILLIS = 3_600_000;

    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Values are clamped to this while they are parsed, so that no arithmetic can overflow. */
    private static final long CAP_NANOS = MAX_DELAY_MILLIS * NANOS_PER_MILLI;

    private RateLimitHeaders() {}

    /**
     * The hints of {@code headers}, with dates measured from {@code nowEpochMillis}.
     *
     * <p>The delay is the latest of all valid hints present; a date in the past counts as 0.
     * Sub-millisecond parts are rounded up, delays above {@link #MAX_DELAY_MILLIS} are capped;
     * a header with an empty, negative, non-numeric or otherwise malformed value is ignored on
     * its own. Requests are exhausted when a remaining-requests header is exactly zero.
     *
     * <p>Never throws for any header values (only an exception of the lookup itself would
     * pass through). Returns {@link RateLimitHints#NONE} when nothing usable is present,
     * including when {@code headers} is null.
     */
    public static RateLimitHints read(HeaderLookup headers, long nowEpochMillis) {
        if (headers == null) {
            return RateLimitHints.NONE;
        }
        long delay = retryAfterMillis(headers.get("retry-after"), nowEpochMillis);
        delay = Math.max(delay, toMillis(decimalNanos(headers.get("retry-after-ms"), NANOS_PER_MILLI)));
        delay = Math.max(delay, toMillis(goDurationNanos(headers.get("x-ratelimit-reset-requests"))));
        delay = Math.max(delay, rfc3339DelayMillis(headers.get("anthropic-ratelimit-requests-reset"), nowEpochMillis));
        boolean exhausted = isZero(headers.get("x-ratelimit-remaining-requests"))
                || isZero(headers.get("anthropic-ratelimit-requests-remaining"));
        return RateLimitHints.of(delay, exhausted);
    }

    /** A Go duration header ({@code 6m0s}) in milliseconds, rounded up and capped; -1 when absent or invalid. */
    static long goDurationMillis(String value) {
        return toMillis(goDurationNanos(value));
    }

    /**
     * A count header ({@code 150000}): a plain non-negative integer, surrounding whitespace
     * allowed, huge values clamped to {@link Long#MAX_VALUE}; -1 when absent or malformed.
     */
    static long count(String value) {
        if (value == null) {
            return -1;
        }
        int from = start(value);
        int to = end(value, from);
        if (from == to) {
            return -1;
        }
        long n = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (!Timestamps.isDigit(c)) {
                return -1;
            }
            n = n > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : n * 10 + (c - '0');
        }
        return n;
    }

    /** {@code retry-after}: delta-seconds or HTTP-date; -1 when absent or invalid. */
    private static long retryAfterMillis(String value, long now) {
        if (value == null) {
            return -1;
        }
        int from = start(value);
        int to = end(value, from);
        if (from == to) {
            return -1;
        }
        char first = value.charAt(from);
        if (Timestamps.isDigit(first) || first == '.') {
            return toMillis(decimalNanos(value, from, to, NANOS_PER_SECOND));
        }
        return millisUntil(Timestamps.httpDate(value, from, to, now), now);
    }

    /** Milliseconds until an RFC 3339 header's instant: 0 when past, capped; -1 when absent or invalid. */
    static long rfc3339DelayMillis(String value, long now) {
        if (value == null) {
            return -1;
        }
        int from = start(value);
        return millisUntil(Timestamps.rfc3339(value, from, end(value, from)), now);
    }

    /** Milliseconds from now until an epoch-millis instant: 0 when past, -1 when invalid. */
    private static long millisUntil(long epochMillis, long now) {
        if (epochMillis == Timestamps.INVALID) {
            return -1;
        }
        if (epochMillis <= now) {
            return 0;
        }
        long delay = epochMillis - now;
        return delay < 0 || delay > MAX_DELAY_MILLIS ? MAX_DELAY_MILLIS : delay; // < 0: overflowed
    }

    /** A whole value in a unit, such as {@code retry-after-ms}; -1 when absent or invalid. */
    private static long decimalNanos(String value, long unitNanos) {
        if (value == null) {
            return -1;
        }
        int from = start(value);
        return decimalNanos(value, from, end(value, from), unitNanos);
    }

    /**
     * {@code s[from, to)} read as {@code DIGITS[.DIGITS]} (digits on at least one side), in
     * units of {@code unitNanos}; in nanoseconds clamped to {@link #CAP_NANOS} and rounded up;
     * -1 when malformed. Signs, exponents, NaN and the like are malformed.
     */
    private static long decimalNanos(String s, int from, int to, long unitNanos) {
        int i = from;
        long whole = 0;
        for (; i < to && Timestamps.isDigit(s.charAt(i)); i++) {
            if (whole <= CAP_NANOS) { // beyond it the value is capped anyway; stop before overflow
                whole = whole * 10 + (s.charAt(i) - '0');
            }
        }
        boolean anyDigit = i > from;
        long billionths = 0; // the fraction, to nine digits
        if (i < to && s.charAt(i) == '.') {
            int digits = 0;
            boolean finer = false;
            for (i++; i < to && Timestamps.isDigit(s.charAt(i)); i++, digits++) {
                int d = s.charAt(i) - '0';
                if (digits < 9) {
                    billionths = billionths * 10 + d;
                } else {
                    finer |= d != 0;
                }
            }
            anyDigit |= digits > 0;
            for (; digits < 9; digits++) {
                billionths *= 10;
            }
            if (finer) {
                billionths++; // round up: a wait must not come out shorter than asked
            }
        }
        if (!anyDigit || i != to) {
            return -1;
        }
        if (whole > CAP_NANOS / unitNanos) {
            return CAP_NANOS;
        }
        // Exact for all units: s, m and h are whole multiples of a second, ms/us/ns small enough.
        long fractionNanos = unitNanos % NANOS_PER_SECOND == 0
                ? billionths * (unitNanos / NANOS_PER_SECOND)
                : ceilDiv(billionths * unitNanos, NANOS_PER_SECOND);
        return Math.min(whole * unitNanos + fractionNanos, CAP_NANOS);
    }

    /**
     * A Go {@code time.Duration} string ({@code 1h2m3.5s}, {@code 12ms}, {@code 20us}, a bare
     * {@code 0}) in nanoseconds clamped to {@link #CAP_NANOS}; -1 when absent or invalid.
     * A sign makes it invalid: a negative wait is no hint.
     */
    private static long goDurationNanos(String value) {
        if (value == null) {
            return -1;
        }
        int i = start(value);
        int to = end(value, i);
        if (to - i == 1 && value.charAt(i) == '0') {
            return 0; // Go writes a zero duration without a unit
        }
        if (i == to) {
            return -1;
        }
        long total = 0;
        while (i < to) {
            int numberEnd = i;
            while (numberEnd < to && isNumberChar(value.charAt(numberEnd))) {
                numberEnd++;
            }
            int unitEnd = numberEnd;
            while (unitEnd < to && !isNumberChar(value.charAt(unitEnd))) {
                unitEnd++;
            }
            long unit = goUnitNanos(value, numberEnd, unitEnd);
            long nanos = unit < 0 ? -1 : decimalNanos(value, i, numberEnd, unit);
            if (nanos < 0) {
                return -1;
            }
            total = Math.min(total + nanos, CAP_NANOS);
            i = unitEnd;
        }
        return total;
    }

    private static boolean isNumberChar(char c) {
        return Timestamps.isDigit(c) || c == '.';
    }

    /** Nanoseconds of the Go duration unit {@code s[from, to)}; -1 when unknown or empty. */
    private static long goUnitNanos(String s, int from, int to) {
        if (to - from == 1) {
            switch (s.charAt(from)) {
                case 's': return NANOS_PER_SECOND;
                case 'm': return 60 * NANOS_PER_SECOND;
                case 'h': return 3600 * NANOS_PER_SECOND;
                default: return -1;
            }
        }
        if (to - from == 2 && s.charAt(from + 1) == 's') {
            switch (s.charAt(from)) {
                case 'n': return 1;
                case 'u':
                case '\u00b5': // micro sign, as Go writes it
                case '\u03bc': // Greek small mu, also accepted by Go
                    return 1_000;
                case 'm': return NANOS_PER_MILLI;
                default: return -1;
            }
        }
        return -1;
    }

    /** A remaining-requests count of exactly zero ({@code 0}, {@code 00}); garbage is not zero. */
    private static boolean isZero(String value) {
        return count(value) == 0;
    }

    private static long toMillis(long nanos) {
        return nanos < 0 ? -1 : ceilDiv(nanos, NANOS_PER_MILLI);
    }

    private static long ceilDiv(long x, long y) {
        return (x + y - 1) / y; // x >= 0, small enough here not to overflow
    }

    /** First index after leading HTTP whitespace (space, tab). */
    private static int start(String s) {
        int i = 0;
        while (i < s.length() && isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** End index before trailing HTTP whitespace, not below {@code from}. */
    private static int end(String s, int from) {
        int i = s.length();
        while (i > from && isWhitespace(s.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }
}
