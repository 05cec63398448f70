package dev.turnstile.bench.sim;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CapacityRunTest {

    private static final long SEED = 7;
    private static final Workload AGENTS = Workload.saturating(48);
    /** A shorter run than the report's: 16 at once, 8 from 150 s to 300 s, 16 again until 450 s. */
    private static final ChangingCapacity HALVED = new ChangingCapacity(16, 8, 150, 300, 450);
    private static final ChangingCapacity LOOSE_RPM = ChangingCapacity.steady(3_000, 450);
    private static final ChangingCapacity LOOSE_TPM = ChangingCapacity.steady(6_000_000, 450);

    private static ProviderLimits capped(ChangingCapacity cap) {
        return new ProviderLimits(ProviderLimits.Binding.CONCURRENCY, cap, LOOSE_RPM, LOOSE_TPM);
    }

    @Test
    void theCapDropsAndComesBack() {
        assertThat(HALVED.at(0)).isEqualTo(16);
        assertThat(HALVED.at(149.9)).isEqualTo(16);
        assertThat(HALVED.at(150)).isEqualTo(8);
        assertThat(HALVED.at(300)).isEqualTo(16);
    }

    @Test
    void aStaticLimitAtASteadyCapMeetsNo429AndKeepsTheProviderBusy() {
        CapacityRun run = CapacityRun.run(AGENTS, capped(ChangingCapacity.steady(8, 300)), LimitRule.STATIC, 8, SEED);

        assertThat(run.rejected()).isZero();
        assertThat(run.utilisation()).as("the agents ask for more than the cap all the time").isGreaterThan(0.95);
    }

    @Test
    void aimdFollowsTheCapWhereTheOtherRulesWasteItOrMeet429s() {
        CapacityRun aimd = CapacityRun.run(AGENTS, capped(HALVED), LimitRule.AIMD, 64, SEED);
        CapacityRun step = CapacityRun.run(AGENTS, capped(HALVED), LimitRule.STEP, 64, SEED);
        CapacityRun headroom = CapacityRun.run(AGENTS, capped(HALVED), LimitRule.FIXED_HEADROOM, 64, SEED);

        assertThat(aimd.rejectedShare()).isLessThan(step.rejectedShare() / 5);
        assertThat(aimd.utilisation(2)).as("after the cap came back").isGreaterThan(headroom.utilisation(2) + 0.2);
    }

    @Test
    void aRequestBudgetIsMeasuredAgainstWhatItLetsThroughAndTurnstileHoldsItWhereATooHighStaticLimitMeets429s() {
        ProviderLimits budget = new ProviderLimits(ProviderLimits.Binding.REQUESTS, ChangingCapacity.steady(32, 450),
                ChangingCapacity.steady(240, 450), LOOSE_TPM);

        CapacityRun turnstile = CapacityRun.run(AGENTS, budget, LimitRule.AIMD, 64, SEED);
        CapacityRun tooHigh = CapacityRun.run(AGENTS, budget, LimitRule.STATIC, 22, SEED);

        assertThat(turnstile.utilisation()).isGreaterThan(0.9).isLessThanOrEqualTo(1.0);
        assertThat(turnstile.rejectedShare()).isLessThan(0.02);
        assertThat(tooHigh.rejectedShare()).isGreaterThan(0.3);
        assertThat(tooHigh.served()).as("the budget caps what anyone is served: its refill plus the first bucket")
                .isLessThanOrEqualTo(240 + 240 * 450 / 60);
    }

    @Test
    void theFixedHeadroomRuleKeepsTheObservedConcurrencyLessItsHeadroomAndNeverClimbs() {
        AtomicInteger inFlight = new AtomicInteger(10);
        FixedHeadroomLimit limit = new FixedHeadroomLimit(64, 2, inFlight::get);

        limit.onRateLimited(0, 1);
        assertThat(limit.limit()).isEqualTo(8);
        inFlight.set(20);
        limit.onRateLimited(2, 3);
        limit.onQuietPeriod(Long.MAX_VALUE / 2);

        assertThat(limit.limit()).isEqualTo(8);
        assertThat(limit.quietCheckDelayNanos(4)).isEqualTo(FixedHeadroomLimit.NO_CHECK);
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        ProviderLimits tokens = new ProviderLimits(ProviderLimits.Binding.TOKENS, ChangingCapacity.steady(32, 450),
                LOOSE_RPM, new ChangingCapacity(400_000, 200_000, 150, 300, 450));

        CapacityRun first = CapacityRun.run(AGENTS, tokens, LimitRule.AIMD, 64, SEED);
        CapacityRun second = CapacityRun.run(AGENTS, tokens, LimitRule.AIMD, 64, SEED);

        assertThat(second.used()).containsExactly(first.used());
        assertThat(second.capacity()).containsExactly(first.capacity());
        assertThat(second.calls()).isEqualTo(first.calls());
    }
}
