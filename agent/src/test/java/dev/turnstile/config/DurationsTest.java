package dev.turnstile.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "250ms, PT0.25S",
        "30s, PT30S",
        "10m, PT10M",
        "1h, PT1H",
        "0, PT0S",
        "0ms, PT0S",
        "' 45s ', PT45S",
        "2H, PT2H",
        "90S, PT1M30S",
    })
    void parsesShortForms(String text, String expectedIso) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(expectedIso));
    }

    @ParameterizedTest
    @CsvSource({
        "PT30S, 30",
        "pt30s, 30",
        "Pt1M, 60",
        "P1D, 86400",
        "PT0.5S, 0.5",
    })
    void parsesIso8601InAnyCase(String text, double expectedSeconds) {
        assertThat(Durations.parse(text).toMillis()).isEqualTo((long) (expectedSeconds * 1000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5s", "-PT5S", "PT-5S", "abc", "", " ", "5", "1.5s", "5 s", "10d", "s", "ms10",
        "99999999999999999999s", "9223372036854775807h", "\u0663s"})
    void rejectsNegativesAndGarbage(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining('"' + text + '"')
                .hasMessageContaining("is not a valid duration")
                .hasMessageContaining("250ms, 30s, 10m, 1h, 0 or ISO-8601 PT30S");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> Durations.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999h", "2562048h", "P106752D", "9223372037s"})
    void rejectsDurationsTooLongToCountInNanoseconds(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining('"' + text + '"')
                .hasMessageEndingWith("(at most 2562047h, about 292 years)");
    }

    @Test
    void acceptsTheLongestDuration() {
        assertThat(Durations.parse("2562047h")).isEqualTo(Durations.LONGEST);
        assertThat(Durations.LONGEST.toNanos()).isPositive();
    }

    @Test
    void hintsAtAMissingUnitForABareNumber() {
        assertThatThrownBy(() -> Durations.parse("30"))
                .hasMessageContaining("needs a unit, e.g. 30s");
    }

    @ParameterizedTest
    @CsvSource({
        "PT0.25S, 250ms",
        "PT30S, 30s",
        "PT10M, 10m",
        "PT1H, 1h",
        "PT1M30S, 90s",
        "PT1.5S, 1500ms",
        "PT48H, 48h",
        "PT0S, 0",
        "PT0.0000005S, PT0.0000005S",
    })
    void formatsTheShortestExactForm(String iso, String expected) {
        assertThat(Durations.format(Duration.parse(iso))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0.25S", "PT1M30S", "PT1.5S", "PT0.0000005S", "PT0S", "PT2H", "PT61M"})
    void formatThenParseGivesTheSameDuration(String iso) {
        Duration duration = Duration.parse(iso);
        assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
    }
}
