package dev.turnstile.http;

import static dev.turnstile.http.RateLimitHeaders.MAX_DELAY_MILLIS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RateLimitHeadersTest {

    /** 30 s before the examples' reset time 2026-11-29T02:30:00Z (a Sunday). */
    private static final long NOW = Instant.parse("2026-11-29T02:29:30Z").toEpochMilli();

    private static final String[] DELAY_HEADERS = {
        "retry-after", "retry-after-ms", "x-ratelimit-reset-requests", "anthropic-ratelimit-requests-reset"
    };

    private static RateLimitHints read(String... namesAndValues) {
        return read(NOW, namesAndValues);
    }

    private static RateLimitHints read(long now, String... namesAndValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return RateLimitHeaders.read(HeaderLookup.of(map), now);
    }

    private static long delay(String name, String value) {
        return read(name, value).delayMillis();
    }

    // --- retry-after: delta-seconds ---

    @ParameterizedTest
    @CsvSource({"120, 120000", "0, 0", "1.5, 1500", "0.0001, 1", "'  7\t', 7000", ".5, 500", "2., 2000"})
    void retryAfterSeconds(String value, long expectedMillis) {
        assertThat(delay("retry-after", value)).isEqualTo(expectedMillis);
    }

    // --- retry-after: HTTP-date, all three forms ---

    @ParameterizedTest
    @ValueSource(strings = {
        "Sun, 29 Nov 2026 02:30:00 GMT",   // IMF-fixdate
        "Sunday, 29-Nov-26 02:30:00 GMT",  // RFC 850
        "Sun Nov 29 02:30:00 2026",        // asctime
        "sun, 29 nov 2026 02:30:00 gmt",   // names in any case
    })
    void retryAfterHttpDate(String value) {
        assertThat(delay("retry-after", value)).isEqualTo(30_000);
    }

    @Test
    void asctimeDayPaddedWithSpace() {
        long now = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
        assertThat(read(now, "retry-after", "Tue Dec  1 00:00:10 2026").delayMillis()).isEqualTo(10_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
        "Sun, 29 Nov 2026 02:29:29 GMT",   // one second ago
    })
    void pastHttpDateIsZero(String value) {
        RateLimitHints hints = read("retry-after", value);
        assertThat(hints.hasDelay()).isTrue();
        assertThat(hints.delayMillis()).isZero();
    }

    @Test
    void rfc850TwoDigitYearMoreThan50YearsAheadIsLastCentury() {
        // 2076 is 50 years after 2026: still the future, so capped. 2077 would be more: 1977.
        assertThat(delay("retry-after", "Sunday, 29-Nov-76 02:30:00 GMT")).isEqualTo(MAX_DELAY_MILLIS);
        assertThat(delay("retry-after", "Monday, 29-Nov-77 02:30:00 GMT")).isZero();
    }

    // --- retry-after-ms ---

    @ParameterizedTest
    @CsvSource({"250, 250", "0, 0", "0.4, 1", "1500.5, 1501", "1500.000, 1500"})
    void retryAfterMs(String value, long expectedMillis) {
        assertThat(delay("retry-after-ms", value)).isEqualTo(expectedMillis);
    }

    // --- OpenAI x-ratelimit-reset-requests: Go durations ---

    @ParameterizedTest
    @CsvSource({
        "1s, 1000", "6m0s, 360000", "12ms, 12", "2m3.5s, 123500", "0.5s, 500", ".5s, 500",
        "1m30s, 90000", "59m59.999s, 3599999", "0, 0", "0s, 0",
        "20us, 1", "20\u00b5s, 1", "20\u03bcs, 1", "1500ns, 1", "1000000ns, 1", "1000001ns, 2", "1.5ms, 2",
    })
    void goDuration(String value, long expectedMillis) {
        assertThat(delay("x-ratelimit-reset-requests", value)).isEqualTo(expectedMillis);
    }

    @Test
    void goDurationOverAnHourIsCapped() {
        assertThat(delay("x-ratelimit-reset-requests", "1h2m3.5s")).isEqualTo(MAX_DELAY_MILLIS);
        assertThat(delay("x-ratelimit-reset-requests", "1h")).isEqualTo(MAX_DELAY_MILLIS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "s", "1x", "1S", "1.2.3s", "-1s", "+1s", "1s-", "1 s", "ms", "1sm", "NaN", "."})
    void goDurationGarbageGivesNoHint(String value) {
        assertThat(read("x-ratelimit-reset-requests", value)).isSameAs(RateLimitHints.NONE);
    }

    // --- Anthropic anthropic-ratelimit-requests-reset: RFC 3339 ---

    @ParameterizedTest
    @CsvSource({
        "2026-11-29T02:30:00Z, 30000",
        "2026-11-29T04:30:00+02:00, 30000",
        "2026-11-28T21:30:00-05:00, 30000",
        "2026-11-29t02:30:00z, 30000",
        "2026-11-29T02:30:00.250Z, 30250",
        "2026-11-29T02:30:00.5+00:00, 30500",
        "2026-11-29T02:29:30.000001Z, 1",
        "2026-11-29T02:29:00Z, 0",
        "2025-01-01T00:00:00Z, 0",
    })
    void rfc3339(String value, long expectedMillis) {
        assertThat(delay("anthropic-ratelimit-requests-reset", value)).isEqualTo(expectedMillis);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-11-29", "2026-11-29T02:30:00", "2026-11-29T02:30Z", "2026-11-29T02:30:00.Z",
        "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z", "2026-11-29T24:00:00Z",
        "2026-11-29T02:30:00+2:00", "2026-11-29T02:30:00+24:00", "2026-11-29T02:30:00Zjunk",
        "tomorrow", "1764383400",
    })
    void rfc3339GarbageGivesNoHint(String value) {
        assertThat(read("anthropic-ratelimit-requests-reset", value)).isSameAs(RateLimitHints.NONE);
    }

    @Test
    void leapDayIsValid() {
        long now = Instant.parse("2028-02-29T00:00:00Z").toEpochMilli();
        assertThat(read(now, "anthropic-ratelimit-requests-reset", "2028-02-29T00:00:01Z").delayMillis())
                .isEqualTo(1000);
    }

    // --- several hints: the latest wins ---

    @ParameterizedTest
    @CsvSource({
        "40, 2000, 3s, 2026-11-29T02:30:00Z, 40000",
        "2, 45000, 3s, 2026-11-29T02:30:00Z, 45000",
        "2, 2000, 50s, 2026-11-29T02:30:00Z, 50000",
        "2, 2000, 3s, 2026-11-29T02:31:00Z, 90000",
    })
    void latestHintWins(String retryAfter, String retryAfterMs, String reset, String anthropicReset,
            long expectedMillis) {
        assertThat(read("retry-after", retryAfter, "retry-after-ms", retryAfterMs,
                "x-ratelimit-reset-requests", reset, "anthropic-ratelimit-requests-reset", anthropicReset)
                .delayMillis()).isEqualTo(expectedMillis);
    }

    @Test
    void garbageInOneHeaderDoesNotHideAnother() {
        assertThat(read("retry-after", "soon", "retry-after-ms", "700", "x-ratelimit-reset-requests", "-5s")
                .delayMillis()).isEqualTo(700);
    }

    @Test
    void pastDateAndPositiveDelayGiveTheDelay() {
        assertThat(read("retry-after", "Sun, 06 Nov 1994 08:49:37 GMT", "retry-after-ms", "300").delayMillis())
                .isEqualTo(300);
    }

    // --- caps ---

    @ParameterizedTest
    @CsvSource({
        "retry-after, 86400",
        "retry-after, 3600.001",
        "retry-after, 99999999999999999999999999999999999999",
        "retry-after, 9223372036854775808.5",
        "retry-after, 'Fri, 01 Jan 2100 00:00:00 GMT'",
        "retry-after-ms, 3600001",
        "retry-after-ms, 99999999999999999999999",
        "x-ratelimit-reset-requests, 100000h",
        "x-ratelimit-reset-requests, 9999999999999999999h9999999999999999999m",
        "anthropic-ratelimit-requests-reset, 9999-12-31T23:59:59Z",
    })
    void absurdDelaysAreCappedAtOneHour(String name, String value) {
        assertThat(delay(name, value)).isEqualTo(MAX_DELAY_MILLIS);
    }

    @Test
    void exactlyOneHourIsNotCapped() {
        assertThat(delay("retry-after", "3599.999")).isEqualTo(3_599_999);
        assertThat(delay("retry-after", "3600")).isEqualTo(MAX_DELAY_MILLIS);
    }

    @Test
    void veryLongNumberIsCappedNotThrown() {
        assertThat(delay("retry-after", "9".repeat(10_000))).isEqualTo(MAX_DELAY_MILLIS);
        assertThat(delay("retry-after-ms", "1." + "0".repeat(10_000) + "1")).isEqualTo(2);
    }

    // --- garbage never throws and gives no hint ---

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "\t", "-1", "-0.5", "+5", "NaN", "Infinity", "-Infinity", "abc", "1e3", "0x10", "1,5",
        "5 s", "1.2.3", ".", "Sun, 32 Nov 2026 02:30:00 GMT", "Sun, 29 Nov 2026 25:00:00 GMT",
        "Sun, 29 Nov 2026 02:30:00 UTC", "Foo, 29 Nov 2026 02:30:00 GMT", "Sun, 29 Now 2026 02:30:00 GMT",
        "Sun, 29 Nov 2026 02:30:00", "Sun Nov 6 08:49:37 1994", "Someday, 29-Nov-26 02:30:00 GMT",
        "2026-11-29T02:30:00Z", "\u0000", "\uffff",
    })
    void garbageGivesNoHint(String value) {
        for (String name : new String[] {"retry-after", "retry-after-ms"}) {
            assertThat(read(name, value)).as("%s: %s", name, value).isSameAs(RateLimitHints.NONE);
        }
    }

    @Test
    void randomValuesNeverThrowAndStayInRange() {
        Random random = new Random(42);
        String alphabet = "0123456789.,:-+ TZzsmhnuµ\tGMTSunNov";
        for (int n = 0; n < 50_000; n++) {
            char[] chars = new char[random.nextInt(32)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String value = new String(chars);
            for (String name : DELAY_HEADERS) {
                long delay = delay(name, value);
                assertThat(delay).as("%s: %s", name, value).isBetween(-1L, MAX_DELAY_MILLIS);
            }
        }
    }

    @Test
    void extremeNowNeverThrows() {
        for (long now : new long[] {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE}) {
            for (String value : new String[] {"Sunday, 29-Nov-26 02:30:00 GMT", "Sun, 29 Nov 2026 02:30:00 GMT"}) {
                assertThat(read(now, "retry-after", value).delayMillis()).isBetween(0L, MAX_DELAY_MILLIS);
            }
        }
    }

    // --- remaining requests ---

    @ParameterizedTest
    @ValueSource(strings = {"x-ratelimit-remaining-requests", "anthropic-ratelimit-requests-remaining"})
    void remainingZeroMeansExhausted(String name) {
        RateLimitHints hints = read(name, "0");
        assertThat(hints.requestsExhausted()).isTrue();
        assertThat(hints.hasDelay()).isFalse();
        assertThat(hints.delayMillis()).isEqualTo(-1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "10", "499", "-0", "0.5", "zero", "", " ", "0 0", "NaN"})
    void remainingNonZeroOrGarbageIsNotExhausted(String value) {
        assertThat(read("x-ratelimit-remaining-requests", value)).isSameAs(RateLimitHints.NONE);
        assertThat(read("anthropic-ratelimit-requests-remaining", value)).isSameAs(RateLimitHints.NONE);
    }

    @Test
    void remainingZeroWithItsReset() {
        assertThat(read("x-ratelimit-remaining-requests", " 00 ", "x-ratelimit-reset-requests", "6m0s"))
                .isEqualTo(RateLimitHints.of(360_000, true));
        assertThat(read("anthropic-ratelimit-requests-remaining", "0",
                "anthropic-ratelimit-requests-reset", "2026-11-29T02:30:00Z"))
                .isEqualTo(RateLimitHints.of(30_000, true));
    }

    // --- nothing present; header names ---

    @Test
    void noHeadersGiveNone() {
        assertThat(read()).isSameAs(RateLimitHints.NONE);
        assertThat(read("content-type", "application/json", "x-ratelimit-limit-requests", "500"))
                .isSameAs(RateLimitHints.NONE);
        assertThat(RateLimitHeaders.read(null, NOW)).isSameAs(RateLimitHints.NONE);
        assertThat(RateLimitHeaders.read(name -> null, NOW)).isSameAs(RateLimitHints.NONE);
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        assertThat(read("Retry-After", "3", "X-RateLimit-Remaining-Requests", "0"))
                .isEqualTo(RateLimitHints.of(3_000, true));
        assertThat(read("RETRY-AFTER-MS", "4000")).isEqualTo(RateLimitHints.of(4_000, false));
        assertThat(read("X-Ratelimit-Reset-Requests", "5s")).isEqualTo(RateLimitHints.of(5_000, false));
        assertThat(read("Anthropic-RateLimit-Requests-Reset", "2026-11-29T02:30:00Z", "Anthropic-Ratelimit-Requests-Remaining", "0"))
                .isEqualTo(RateLimitHints.of(30_000, true));
    }
}
