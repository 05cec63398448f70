package dev.turnstile.bench.sim;

import dev.turnstile.bench.sim.Setup.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class SimulationTest {

    private static final long SEED = 7;

    @Test
    void theSameSeedGivesTheSameTables() {
        String first = new SimulationReport(SEED, 1).grid();
        String again = new SimulationReport(SEED, 1).grid();
        String otherSeed = new SimulationReport(SEED + 100, 1).grid();

        assertThat(again).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @ParameterizedTest
    @EnumSource(value = Policy.class, names = {"FIFO", "OLDEST_TURN_FIRST"})
    void neverMoreCallsInFlightThanTheLimit(Policy policy) {
        RunResult run = Simulation.run(Workload.burst(32), Setup.gated(policy, 3), SEED);

        assertThat(run.gateMax()).isEqualTo(3);
        assertThat(run.providerMax()).isEqualTo(3);
    }

    @Test
    void withoutAGateTheProviderSeesEveryAgentAtOnce() {
        RunResult run = Simulation.run(Workload.burst(32), new Setup(Policy.NO_GATE, 0, 0), SEED);

        assertThat(run.providerMax()).isGreaterThan(8);
        assertThat(run.gateMax()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void everyCallOfEveryTurnIsAnswered(Policy policy) {
        Workload workload = Workload.sustained(16).withMaxRetries(Workload.RETRY_FOREVER);
        RunResult run = Simulation.run(workload, new Setup(policy, 4, 4), SEED);

        assertThat(run.failedTurns()).isZero();
        assertThat(run.turnSeconds()).hasSize(16 * 10);
        assertThat(run.served()).isEqualTo(16 * 10 * 5);
    }

    @ParameterizedTest
    @EnumSource(value = Policy.class, names = {"FIFO", "OLDEST_TURN_FIRST"})
    void everyGrantFollowsThePolicysOrder(Policy policy) {
        RunResult plain = Simulation.run(Workload.sustained(32), Setup.gated(policy, 2), SEED);
        RunResult pausedBy429s = Simulation.run(Workload.burst(32), new Setup(policy, 8, 4), SEED);

        assertThat(plain.orderViolations()).isZero();
        assertThat(pausedBy429s.rateLimited()).isPositive();
        assertThat(pausedBy429s.orderViolations()).isZero();
    }

    @Test
    void aGateAtTheProvidersCapMeetsNo429sWhereDirectCallsMeetMany() {
        Workload workload = Workload.burst(32);
        RunResult direct = Simulation.run(workload, new Setup(Policy.NO_GATE, 0, 4), SEED);
        RunResult gated = Simulation.run(workload, new Setup(Policy.OLDEST_TURN_FIRST, 4, 4), SEED);

        assertThat(direct.rateLimited()).isPositive();
        assertThat(direct.providerMax()).isEqualTo(4);
        assertThat(gated.rateLimited()).isZero();
        assertThat(gated.failedTurns()).isZero();
        assertThat(gated.turnSeconds()).hasSize(32);
    }

    @Test
    void aLimitAboveTheCapIsBroughtDownBy429sAndEveryTurnStillFinishes() {
        RunResult run = Simulation.run(Workload.burst(32), new Setup(Policy.OLDEST_TURN_FIRST, 8, 4), SEED);

        assertThat(run.rateLimited()).isPositive();
        assertThat(run.rateLimited()).isLessThan(run.served());
        assertThat(run.failedTurns()).isZero();
    }

    @Test
    void inABurstOldestTurnFirstLowersTheMeanTurnTime() {
        Workload workload = Workload.burst(32);
        RunResult fifo = Simulation.run(workload, Setup.gated(Policy.FIFO, 2), SEED);
        RunResult oldest = Simulation.run(workload, Setup.gated(Policy.OLDEST_TURN_FIRST, 2), SEED);

        assertThat(oldest.meanSeconds()).isLessThan(0.9 * fifo.meanSeconds());
    }

    @Test
    void gatesSeeTheSameCallTimesSoTheyAreComparedOnTheSameWork() {
        Workload workload = Workload.burst(8);
        RunResult fifo = Simulation.run(workload, Setup.gated(Policy.FIFO, 8), SEED);
        RunResult oldest = Simulation.run(workload, Setup.gated(Policy.OLDEST_TURN_FIRST, 8), SEED);

        // With a slot for every agent nobody waits, so the policy cannot matter.
        assertThat(oldest.turnSeconds()).isEqualTo(fifo.turnSeconds());
    }
}
