package dev.turnstile.bench.sim;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SimulationReportTest {

    private final SimulationReport report = new SimulationReport(42, 10);

    @Test
    void withoutADemoRunOnlyTheSimulationIsShown() {
        String section = report.demo(Optional.empty(), false);

        assertThat(section).contains("### Confirmation on the demo", "| Turnstile FIFO | ");
        assertThat(section).doesNotContain("measured on the demo");
    }

    @Test
    void aDemoThatMatchesTheSimulationIsSaidToLieWithinItsRange() {
        String section = report.demo(Optional.of(new DemoComparison(new DemoComparison.Column(16.0, 22.7, 141),
                new DemoComparison.Column(11.9, 19.1, 0), new DemoComparison.Column(15.6, 16.7, 0))), true);

        assertThat(section).contains("| 11.9 |", "Every measured mean and p95 lies within the simulated seeds' range.");
    }

    @Test
    void aDemoFarFromTheSimulationIsCalledOut() {
        String section = report.demo(Optional.of(new DemoComparison(new DemoComparison.Column(16.0, 22.7, 141),
                new DemoComparison.Column(11.9, 19.1, 0), new DemoComparison.Column(30.0, 16.7, 0))), true);

        assertThat(section).containsPattern("Measured outside the simulated seeds' range: Turnstile FIFO mean 30\\.0 s "
                + "\\(simulated [0-9.]+–[0-9.]+ s, above\\)\\.");
    }

    @Test
    void aSpreadContainsValuesAtTheDemosPrecision() {
        Spread spread = new Spread(12.0, 11.64, 12.14);

        assertThat(spread.contains(11.6)).isTrue();
        assertThat(spread.contains(12.1)).isTrue();
        assertThat(spread.contains(12.2)).isFalse();
        assertThat(spread.contains(11.5)).isFalse();
        assertThat(spread.text()).isEqualTo("12.0 (11.6–12.1)");
    }
}
