package dev.turnstile.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static dev.turnstile.http.RateLimitHeaders.MAX_DELAY_MILLIS;
import static org.assertj.core.api.Assertions.assertThat;

class BudgetHeadersTest {

    /** 30 s before the examples' reset time 2026-11-29T02:30:00Z. */
    private static final long NOW = Instant.parse("2026-11-29T02:29:30Z").toEpochMilli();
    private static final String RESET_IN_30S = "2026-11-29T02:30:00Z";

    private static SpentBudget read(String... namesAndValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return BudgetHeaders.read(HeaderLookup.of(map), NOW);
    }

    // --- OpenAI ---

    @Test
    void openAiTokensNearlySpentHoldUntilTheirReset() {
        SpentBudget spent = read("x-ratelimit-limit-tokens", "150000", "x-ratelimit-remaining-tokens", "1500",
                "x-ratelimit-reset-tokens", "1.5s");
        assertThat(spent.resetMillis()).isEqualTo(1_500);
        assertThat(spent.reason()).isEqualTo("token budget nearly spent (x-ratelimit-remaining-tokens: 1500 of 150000);"
                + " holding calls until x-ratelimit-reset-tokens: 1.5s");
    }

    @Test
    void openAiRequestsSpentHoldUntilTheirReset() {
        SpentBudget spent = read("x-ratelimit-limit-requests", "500", "x-ratelimit-remaining-requests", "0",
                "x-ratelimit-reset-requests", "6m0s");
        assertThat(spent.resetMillis()).isEqualTo(360_000);
        assertThat(spent.reason()).startsWith("requests budget spent (x-ratelimit-remaining-requests: 0 of 500)");
    }

    @ParameterizedTest
    @CsvSource({"6m0s, 360000", "1.5s, 1500", "20ms, 20", "2m3.5s, 123500", "2h, 3600000", "250us, 1"})
    void openAiResetsAreGoDurations(String reset, long millis) {
        assertThat(read("x-ratelimit-remaining-tokens", "0", "x-ratelimit-reset-tokens", reset).resetMillis())
                .isEqualTo(millis);
    }

    // --- Anthropic ---

    @ParameterizedTest
    @ValueSource(strings = {"requests", "tokens", "input-tokens", "output-tokens"})
    void anthropicBudgetsNearlySpentHoldUntilTheirRfc3339Reset(String budget) {
        String prefix = "anthropic-ratelimit-" + budget;
        SpentBudget spent = read(prefix + "-limit", "100000", prefix + "-remaining", "1000",
                prefix + "-reset", RESET_IN_30S);
        assertThat(spent.resetMillis()).isEqualTo(30_000);
        assertThat(spent.reason()).contains(prefix + "-remaining: 1000 of 100000")
                .contains(prefix + "-reset: " + RESET_IN_30S);
    }

    @Test
    void anthropicResetWithOffsetAndFraction() {
        assertThat(read("anthropic-ratelimit-output-tokens-remaining", "0",
                "anthropic-ratelimit-output-tokens-reset", "2026-11-29T03:30:10.5+01:00").resetMillis())
                .isEqualTo(40_500);
    }

    // --- the threshold ---

    @ParameterizedTest
    @CsvSource({
        "150000, 1500, true", "150000, 1501, false", "100, 1, true", "100, 2, false",
        "99, 1, false", "99, 0, true", "5, 0, true", "0, 0, true", "'', 0, true", "'', 3, false",
        "abc, 0, true", "100, 150, false"
    })
    void nearlySpentIsZeroOrAtMostOnePercentOfTheLimit(String limit, String remaining, boolean spent) {
        assertThat(read("x-ratelimit-limit-tokens", limit, "x-ratelimit-remaining-tokens", remaining,
                "x-ratelimit-reset-tokens", "1s").isSpent()).as("%s of %s", remaining, limit).isEqualTo(spent);
    }

    @Test
    void theLatestResetOfTheSpentBudgetsWins() {
        SpentBudget spent = read(
                "x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "2s",
                "x-ratelimit-remaining-tokens", "0", "x-ratelimit-reset-tokens", "7s",
                "anthropic-ratelimit-input-tokens-remaining", "5", "anthropic-ratelimit-input-tokens-reset", RESET_IN_30S);
        assertThat(spent.resetMillis()).isEqualTo(7_000);
        assertThat(spent.reason()).contains("x-ratelimit-reset-tokens");
    }

    @Test
    void aBudgetWithPlentyLeftDoesNotHideASpentOne() {
        SpentBudget spent = read(
                "anthropic-ratelimit-requests-limit", "50", "anthropic-ratelimit-requests-remaining", "49",
                "anthropic-ratelimit-requests-reset", RESET_IN_30S,
                "anthropic-ratelimit-output-tokens-limit", "8000", "anthropic-ratelimit-output-tokens-remaining", "0",
                "anthropic-ratelimit-output-tokens-reset", "2026-11-29T02:29:40Z");
        assertThat(spent.resetMillis()).isEqualTo(10_000);
        assertThat(spent.reason()).startsWith("output-token budget spent");
    }

    // --- nothing to hold for ---

    @Test
    void noHeadersOrNoLookupIsNone() {
        assertThat(read()).isSameAs(SpentBudget.NONE);
        assertThat(BudgetHeaders.read(null, NOW)).isSameAs(SpentBudget.NONE);
        assertThat(BudgetHeaders.read(name -> null, NOW)).isSameAs(SpentBudget.NONE);
        assertThat(SpentBudget.NONE.isSpent()).isFalse();
    }

    @Test
    void aSpentBudgetWithoutAReadableOrFutureResetHoldsNothing() {
        for (String reset : new String[] {null, "", "soon", "-1s", "0", "0s", "2026-11-29T02:29:00Z", "5x", "1.5"}) {
            SpentBudget spent = reset == null ? read("x-ratelimit-remaining-tokens", "0")
                    : read("x-ratelimit-remaining-tokens", "0", "x-ratelimit-reset-tokens", reset,
                            "anthropic-ratelimit-tokens-remaining", "0", "anthropic-ratelimit-tokens-reset", reset);
            assertThat(spent).as("reset %s", reset).isSameAs(SpentBudget.NONE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0", "-1", "0.5", "1e3", "zero", "", " ", "0 0", "NaN", "+0", "0x0", "１"})
    void aMalformedRemainingCountIsNoSignal(String remaining) {
        assertThat(read("x-ratelimit-limit-tokens", "100000", "x-ratelimit-remaining-tokens", remaining,
                "x-ratelimit-reset-tokens", "5s")).isSameAs(SpentBudget.NONE);
        assertThat(read("anthropic-ratelimit-tokens-limit", "100000", "anthropic-ratelimit-tokens-remaining", remaining,
                "anthropic-ratelimit-tokens-reset", RESET_IN_30S)).isSameAs(SpentBudget.NONE);
    }

    @Test
    void absurdValuesNeverThrowAndStayWithinTheCap() {
        String[] values = {"99999999999999999999999999", "9999999999999999999h", "9999-12-31T23:59:59Z",
            "0000-01-01T00:00:00Z", "\t0\t", "2026-13-45T99:99:99Z", "1h-2m", "..s", "\u0000", "ms", "m0s"};
        for (String value : values) {
            for (String other : values) {
                SpentBudget openAi = read("x-ratelimit-limit-tokens", value, "x-ratelimit-remaining-tokens", other,
                        "x-ratelimit-reset-tokens", value);
                SpentBudget anthropic = read("anthropic-ratelimit-tokens-limit", value,
                        "anthropic-ratelimit-tokens-remaining", other, "anthropic-ratelimit-tokens-reset", value);
                assertThat(openAi.resetMillis()).as("%s / %s", value, other).isBetween(0L, MAX_DELAY_MILLIS);
                assertThat(anthropic.resetMillis()).as("%s / %s", value, other).isBetween(0L, MAX_DELAY_MILLIS);
            }
        }
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        assertThat(read("X-RateLimit-Remaining-Tokens", "0", "X-RateLimit-Reset-Tokens", "3s").resetMillis())
                .isEqualTo(3_000);
    }
}
