package dev.turnstile.demo.client;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void secondsBecomeMillis() {
        assertThat(RetryAfter.millis("2", NOW)).isEqualTo(2000);
        assertThat(RetryAfter.millis(" 0.5 ", NOW)).isEqualTo(500);
    }

    @Test
    void anHttpDateIsTheTimeLeftUntilIt() {
        assertThat(RetryAfter.millis("Thu, 01 Jan 2026 12:00:03 GMT", NOW)).isEqualTo(3000);
        assertThat(RetryAfter.millis("Thu, 01 Jan 2026 11:59:00 GMT", NOW)).isZero();
    }

    @Test
    void absentOrUnreadableIsMinusOne() {
        assertThat(RetryAfter.millis(null, NOW)).isEqualTo(-1);
        assertThat(RetryAfter.millis("", NOW)).isEqualTo(-1);
        assertThat(RetryAfter.millis("soon", NOW)).isEqualTo(-1);
        assertThat(RetryAfter.millis("-3", NOW)).isEqualTo(-1);
    }
}
