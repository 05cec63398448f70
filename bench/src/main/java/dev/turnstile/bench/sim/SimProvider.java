package dev.turnstile.bench.sim;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleToIntFunction;

/**
 * The LLM provider, with the three limits a real one has. It serves calls at once up to a hidden
 * concurrency {@code cap} (0 = none; it may change while a run goes on, as a provider's capacity
 * does under other tenants' load), within a per-minute budget of requests and one of tokens
 * ({@link MinuteBudget}). A call beyond any of them is answered at once (after
 * {@code rejectSeconds}) with 429 and a {@code Retry-After}: {@code retryAfterSeconds} for the
 * cap, which no header reveals, like the demo's mock; for a budget, the whole seconds until the
 * call would fit. Every request that finds one left spends one of the request budget, also
 * when the cap or the token budget then turns it away (OpenAI counts failed requests too); a
 * call's tokens count when it is served. A served call takes the time the
 * workload drew for it.
 *
 * <p>Like OpenAI, every answer of a provider with budgets carries
 * {@code x-ratelimit-limit|remaining|reset-requests|tokens}, as they stand when the answer is
 * sent: for a served call at its end, since the simulated calls are not streamed.
 *
 * <p>Times are seconds on the caller's clock (virtual in the simulation, real in the child-JVM
 * run's mock provider); not thread-safe.
 */
final class SimProvider {

    private final DoubleToIntFunction cap;
    private final MinuteBudget requests;
    private final MinuteBudget tokens;
    private final double retryAfterSeconds;
    private final double rejectSeconds;
    private int inFlight;
    private int maxInFlight;
    private long served;
    private long tokensServed;
    private final long[] rejected = new long[Limit.values().length];

    /** Which limit turned a call away. */
    enum Limit { CONCURRENCY, REQUESTS, TOKENS }

    /**
     * What the provider answers a call.
     *
     * @param limit             null when served, else the limit that turned it away (a 429)
     * @param retryAfterSeconds the 429's {@code Retry-After}; 0 when served
     * @param headers           the 429's headers; for a served call see {@link #finish}
     */
    record Answer(Limit limit, double retryAfterSeconds, Map<String, String> headers) {

        boolean served() {
            return limit == null;
        }
    }

    SimProvider(int cap, double retryAfterSeconds, double rejectSeconds) {
        this(seconds -> cap, MinuteBudget.none(), MinuteBudget.none(), retryAfterSeconds, rejectSeconds);
    }

    SimProvider(DoubleToIntFunction cap, MinuteBudget requests, MinuteBudget tokens, double retryAfterSeconds,
                double rejectSeconds) {
        this.cap = cap;
        this.requests = requests;
        this.tokens = tokens;
        this.retryAfterSeconds = retryAfterSeconds;
        this.rejectSeconds = rejectSeconds;
    }

    /** A call of {@code callTokens} tokens arrives at {@code seconds}: served (then {@link #finish} ends it) or 429. */
    Answer admit(double seconds, long callTokens) {
        if (!requests.trySpend(seconds, 1)) {
            return reject(Limit.REQUESTS, requests.secondsUntil(seconds, 1), seconds);
        }
        int now = cap.applyAsInt(seconds);
        if (now > 0 && inFlight >= now) {
            return reject(Limit.CONCURRENCY, retryAfterSeconds, seconds);
        }
        if (!tokens.trySpend(seconds, callTokens)) {
            return reject(Limit.TOKENS, tokens.secondsUntil(seconds, callTokens), seconds);
        }
        inFlight++;
        served++;
        tokensServed += callTokens;
        maxInFlight = Math.max(maxInFlight, inFlight);
        return new Answer(null, 0, budgetHeaders(seconds));
    }

    /** A served call sends its answer at {@code seconds}: the headers it carries. */
    Map<String, String> finish(double seconds) {
        if (inFlight == 0) {
            throw new IllegalStateException("finish without a call in flight");
        }
        inFlight--;
        return budgetHeaders(seconds);
    }

    private Answer reject(Limit limit, double waitSeconds, double seconds) {
        rejected[limit.ordinal()]++;
        double retryAfter = Math.max(1, Math.ceil(waitSeconds)); // Retry-After is whole seconds
        Map<String, String> headers = budgetHeaders(seconds);
        headers.put("retry-after", Long.toString((long) retryAfter));
        return new Answer(limit, retryAfter, headers);
    }

    /** OpenAI's budget headers (none without budgets). */
    private Map<String, String> budgetHeaders(double seconds) {
        Map<String, String> headers = new LinkedHashMap<>();
        put(headers, "requests", requests, seconds);
        put(headers, "tokens", tokens, seconds);
        return headers;
    }

    private static void put(Map<String, String> headers, String kind, MinuteBudget budget, double seconds) {
        if (budget.isSet()) {
            headers.put("x-ratelimit-limit-" + kind, Long.toString(budget.limit(seconds)));
            headers.put("x-ratelimit-remaining-" + kind, Long.toString(budget.remaining(seconds)));
            headers.put("x-ratelimit-reset-" + kind, goDuration(budget.resetSeconds(seconds)));
        }
    }

    /** A duration as OpenAI writes it (Go's notation): {@code 17ms}, {@code 8.64s}, {@code 1m2.5s}. */
    static String goDuration(double seconds) {
        long millis = (long) Math.ceil(seconds * 1000);
        if (millis < 1000) {
            return millis + "ms";
        }
        String secs = BigDecimal.valueOf(millis % 60_000, 3).setScale(3, RoundingMode.UNNECESSARY)
                .stripTrailingZeros().toPlainString();
        return millis < 60_000 ? secs + "s" : millis / 60_000 + "m" + secs + "s";
    }

    double rejectSeconds() {
        return rejectSeconds;
    }

    int inFlight() {
        return inFlight;
    }

    /** The most calls it served at once. */
    int maxInFlight() {
        return maxInFlight;
    }

    long served() {
        return served;
    }

    /** Tokens of the calls it served. */
    long tokensServed() {
        return tokensServed;
    }

    /** Calls answered 429: each one a wasted round trip. */
    long rejected() {
        long all = 0;
        for (long count : rejected) {
            all += count;
        }
        return all;
    }

    /** Calls that {@code limit} turned away. */
    long rejected(Limit limit) {
        return rejected[limit.ordinal()];
    }
}
