package dev.turnstile.console.text;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormatsTest {

    @Test
    void durationsAsTheAgentReadsThem() {
        assertThat(Formats.positiveDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Formats.positiveDuration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Formats.positiveDuration("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Formats.positiveDuration("1H")).isEqualTo(Duration.ofHours(1));
        assertThat(Formats.positiveDuration("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void badDurationsSayWhatIsExpected() {
        for (String bad : List.of("", "0s", "soon", "-5s", "PT-1S", "1.5s", "99999999999999h")) {
            assertThatThrownBy(() -> Formats.positiveDuration(bad)).as(bad)
                    .hasMessageStartingWith("bad duration '" + bad + "'").hasMessageContaining("30s");
        }
        assertThatThrownBy(() -> Formats.positiveDuration("30")).hasMessageContaining("needs a unit, e.g. 30s");
        assertThatThrownBy(() -> Formats.positiveDuration("2562048h")).hasMessageContaining("up to 2562047h");
        assertThat(Formats.positiveDuration("2562047h")).isEqualTo(java.time.Duration.ofHours(2_562_047));
    }

    @Test
    void limitsAreWholeNumbersFromZero() {
        assertThat(Formats.limit("0")).isZero();
        assertThat(Formats.limit(" 12 ")).isEqualTo(12);
        assertThatThrownBy(() -> Formats.limit("-1")).hasMessage("bad limit '-1': a limit cannot be negative (0 = unlimited)");
        for (String bad : List.of("", "x", "1.5", "1e3", "99999999999")) {
            assertThatThrownBy(() -> Formats.limit(bad)).as(bad).hasMessageStartingWith("bad limit '" + bad + "'");
        }
    }

    @Test
    void timesAreShort() {
        assertThat(Formats.millis(850)).isEqualTo("850ms");
        assertThat(Formats.millis(12_340)).isEqualTo("12.3s");
        assertThat(Formats.millis(245_000)).isEqualTo("4m05s");
        assertThat(Formats.millis(3_720_000)).isEqualTo("1h02m");
        assertThat(Formats.percentile(Double.NaN)).isEqualTo("-");
        assertThat(Formats.percentile(3.25)).isEqualTo("3.3ms");
        assertThat(Formats.percentile(1500)).isEqualTo("1.5s");
    }
}
