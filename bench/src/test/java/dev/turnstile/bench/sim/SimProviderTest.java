package dev.turnstile.bench.sim;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SimProviderTest {

    private static final ChangingCapacity NO_CAP = ChangingCapacity.steady(0, 600);

    private static SimProvider provider(int cap, long requestsPerMinute, long tokensPerMinute) {
        return new SimProvider(seconds -> cap, new MinuteBudget(seconds -> requestsPerMinute),
                new MinuteBudget(seconds -> tokensPerMinute), 1, 0.02);
    }

    @Test
    void aCallOverTheHiddenCapIsAnswered429WithTheConfiguredRetryAfterAndNoHeaderRevealsTheCap() {
        SimProvider provider = provider(1, 0, 0);

        assertThat(provider.admit(0, 100).served()).isTrue();
        SimProvider.Answer second = provider.admit(0, 100);

        assertThat(second.limit()).isEqualTo(SimProvider.Limit.CONCURRENCY);
        assertThat(second.headers()).containsExactly(Map.entry("retry-after", "1"));
        assertThat(provider.finish(1)).isEmpty();
        assertThat(provider.admit(1, 100).served()).as("the slot is free again").isTrue();
    }

    @Test
    void theRequestBudgetRefillsContinuouslyAtItsRatePerMinute() {
        SimProvider provider = provider(0, 60, 0); // one request per second

        for (int i = 0; i < 60; i++) {
            assertThat(provider.admit(0, 1).served()).isTrue();
        }
        SimProvider.Answer spent = provider.admit(0, 1);
        assertThat(spent.limit()).isEqualTo(SimProvider.Limit.REQUESTS);
        assertThat(spent.retryAfterSeconds()).isEqualTo(1);
        assertThat(provider.admit(0.5, 1).served()).as("half a request refilled").isFalse();
        assertThat(provider.admit(1.0, 1).served()).isTrue();
        assertThat(provider.admit(1.0, 1).served()).isFalse();
    }

    @Test
    void aRequestTurnedAwayByTheCapStillCountsAgainstTheRequestBudget() {
        SimProvider provider = provider(1, 60, 0);
        provider.admit(0, 1);

        provider.admit(0, 1); // 429 for the cap

        assertThat(provider.finish(0)).containsEntry("x-ratelimit-remaining-requests", "58");
    }

    @Test
    void aCallWhoseTokensDoNotFitIsAnswered429UntilEnoughHaveRefilled() {
        SimProvider provider = provider(0, 0, 6_000); // 100 tokens per second

        assertThat(provider.admit(0, 5_500).served()).isTrue();
        SimProvider.Answer tooBig = provider.admit(0, 1_000);

        assertThat(tooBig.limit()).isEqualTo(SimProvider.Limit.TOKENS);
        assertThat(tooBig.retryAfterSeconds()).as("500 tokens missing at 100/s").isEqualTo(5);
        assertThat(tooBig.headers()).containsEntry("retry-after", "5")
                .containsEntry("x-ratelimit-remaining-tokens", "500");
        assertThat(provider.admit(5, 1_000).served()).isTrue();
        assertThat(provider.tokensServed()).isEqualTo(6_500);
        assertThat(provider.rejected(SimProvider.Limit.TOKENS)).isEqualTo(1);
        assertThat(provider.rejected()).isEqualTo(1);
    }

    @Test
    void everyAnswerCarriesOpenAisBudgetHeadersAsTheyStandWhenItIsSent() {
        SimProvider provider = provider(0, 600, 60_000);
        provider.admit(0, 30_000);

        Map<String, String> atTheEnd = provider.finish(3);

        assertThat(atTheEnd).containsExactly(
                Map.entry("x-ratelimit-limit-requests", "600"),
                Map.entry("x-ratelimit-remaining-requests", "600"), // 30 refilled in 3 s, capped at the limit
                Map.entry("x-ratelimit-reset-requests", "0ms"),
                Map.entry("x-ratelimit-limit-tokens", "60000"),
                Map.entry("x-ratelimit-remaining-tokens", "33000"),
                Map.entry("x-ratelimit-reset-tokens", "27s"));
    }

    @Test
    void aBudgetThatShrinksCutsWhatTheBucketHoldsAndOneThatGrowsRefillsFromThere() {
        ChangingCapacity halved = new ChangingCapacity(600, 60, 10, 20, 30);
        MinuteBudget budget = new MinuteBudget(halved::at);

        assertThat(budget.remaining(9)).isEqualTo(600);
        assertThat(budget.remaining(10)).isEqualTo(60);
        assertThat(budget.remaining(20)).as("full at the low budget").isEqualTo(60);
        assertThat(budget.remaining(21)).as("10 per second at the high one").isEqualTo(70);
        assertThat(budget.resetSeconds(21)).isEqualTo(53);
    }

    @Test
    void durationsAreWrittenInGosNotationAsOpenAiSendsThem() {
        assertThat(SimProvider.goDuration(0.017)).isEqualTo("17ms");
        assertThat(SimProvider.goDuration(8.64)).isEqualTo("8.64s");
        assertThat(SimProvider.goDuration(62.5)).isEqualTo("1m2.5s");
        assertThat(SimProvider.goDuration(360)).isEqualTo("6m0s");
    }

    @Test
    void withoutBudgetsEverythingFitsAndNoBudgetHeaderIsSent() {
        SimProvider provider = new SimProvider(NO_CAP::at, MinuteBudget.none(), MinuteBudget.none(), 1, 0.02);

        for (int i = 0; i < 1_000; i++) {
            assertThat(provider.admit(0, 1_000_000).served()).isTrue();
        }
        assertThat(provider.finish(0)).isEmpty();
        assertThat(provider.maxInFlight()).isEqualTo(1_000);
    }
}
