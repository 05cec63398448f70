package dev.turnstile.http;

/**
 * Reads the request and token budgets that OpenAI and Anthropic report on every response, and
 * finds one that is spent or nearly so (what the scheduler then does: "Rate limits" in the root
 * README's "How it schedules").
 *
 * <p>A budget is <em>nearly spent</em> when its remaining count is 0, or at most 1 % of its
 * limit (rounded down, so a limit under 100 must reach 0). One percent leaves room for the calls
 * already in flight, whose tokens the provider has not counted yet, without holding calls back
 * while most of a budget is left. A budget needs a readable reset to count: without one there is
 * no time to hold calls until, and the next 429 (with its own hint) will say.
 *
 * <p>Malformed values (signs, decimals, words, empty) make that one budget unreadable; nothing
 * here throws for any header value.
 */
final class BudgetHeaders {

    /** The budgets read, with the headers that report each. */
    private enum Budget {
        // OpenAI: platform.openai.com/docs/guides/rate-limits ("Rate limits in headers")
        OPENAI_REQUESTS("requests", "x-ratelimit-limit-requests", "x-ratelimit-remaining-requests",
                "x-ratelimit-reset-requests", false),
        OPENAI_TOKENS("token", "x-ratelimit-limit-tokens", "x-ratelimit-remaining-tokens",
                "x-ratelimit-reset-tokens", false),
        // Anthropic: docs.anthropic.com/en/api/rate-limits ("Response headers")
        ANTHROPIC_REQUESTS("requests", "anthropic-ratelimit-requests-limit", "anthropic-ratelimit-requests-remaining",
                "anthropic-ratelimit-requests-reset", true),
        ANTHROPIC_TOKENS("token", "anthropic-ratelimit-tokens-limit", "anthropic-ratelimit-tokens-remaining",
                "anthropic-ratelimit-tokens-reset", true),
        ANTHROPIC_INPUT_TOKENS("input-token", "anthropic-ratelimit-input-tokens-limit",
                "anthropic-ratelimit-input-tokens-remaining", "anthropic-ratelimit-input-tokens-reset", true),
        ANTHROPIC_OUTPUT_TOKENS("output-token", "anthropic-ratelimit-output-tokens-limit",
                "anthropic-ratelimit-output-tokens-remaining", "anthropic-ratelimit-output-tokens-reset", true);

        private static final Budget[] ALL = values();

        final String kind;
        final String limitHeader;
        final String remainingHeader;
        final String resetHeader;
        /** Resets as RFC 3339 instants (Anthropic), else as Go durations (OpenAI). */
        final boolean resetIsInstant;

        Budget(String kind, String limitHeader, String remainingHeader, String resetHeader, boolean resetIsInstant) {
            this.kind = kind;
            this.limitHeader = limitHeader;
            this.remainingHeader = remainingHeader;
            this.resetHeader = resetHeader;
            this.resetIsInstant = resetIsInstant;
        }

        long resetMillis(String value, long now) {
            return resetIsInstant ? RateLimitHeaders.rfc3339DelayMillis(value, now)
                    : RateLimitHeaders.goDurationMillis(value);
        }
    }

    private BudgetHeaders() {}

    /**
     * The nearly spent budget of {@code headers} whose reset is latest, with dates measured from
     * {@code nowEpochMillis}; {@link SpentBudget#NONE} when none is, or when {@code headers} is null.
     * A reset already past (or "0") holds nothing and counts as none.
     */
    static SpentBudget read(HeaderLookup headers, long nowEpochMillis) {
        if (headers == null) {
            return SpentBudget.NONE;
        }
        SpentBudget latest = SpentBudget.NONE;
        for (Budget budget : Budget.ALL) {
            String remainingValue = headers.get(budget.remainingHeader);
            if (remainingValue == null) {
                continue; // the usual case: only the lookup
            }
            long remaining = RateLimitHeaders.count(remainingValue);
            String limitValue = headers.get(budget.limitHeader);
            long limit = RateLimitHeaders.count(limitValue);
            if (!nearlySpent(remaining, limit)) {
                continue;
            }
            String resetValue = headers.get(budget.resetHeader);
            long reset = budget.resetMillis(resetValue, nowEpochMillis);
            if (reset > latest.resetMillis()) {
                latest = new SpentBudget(reset, reason(budget, remaining, limit, resetValue));
            }
        }
        return latest;
    }

    /** Remaining 0, or at most 1 % of a known limit; false when the remaining count is unreadable. */
    static boolean nearlySpent(long remaining, long limit) {
        return remaining == 0 || (remaining > 0 && limit > 0 && remaining <= limit / 100);
    }

    private static String reason(Budget budget, long remaining, long limit, String resetValue) {
        return budget.kind + " budget " + (remaining == 0 ? "spent" : "nearly spent") + " ("
                + budget.remainingHeader + ": " + remaining + (limit > 0 ? " of " + limit : "")
                + "); holding calls until " + budget.resetHeader + ": " + resetValue.trim();
    }
}
