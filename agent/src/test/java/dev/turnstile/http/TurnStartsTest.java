package dev.turnstile.http;

import dev.turnstile.core.CallRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TurnStartsTest {

    @Test
    void readsEpochMillisAndIsoDateTimes() {
        assertThat(TurnStarts.parse("1764378000000")).isEqualTo(1764378000000L);
        assertThat(TurnStarts.parse(" 2026-11-29T01:00:00Z ")).isEqualTo(1795914000000L);
        assertThat(TurnStarts.parse("2026-11-29T02:00:00+01:00")).isEqualTo(1795914000000L);
    }

    @Test
    void garbageMeansNoTurnStart() {
        for (String garbage : new String[] {null, "", "  ", "yesterday", "12:00", "-5", "99999999999999999999"}) {
            assertThat(TurnStarts.parse(garbage)).as(String.valueOf(garbage)).isEqualTo(CallRequest.NO_TURN_START);
        }
    }
}
