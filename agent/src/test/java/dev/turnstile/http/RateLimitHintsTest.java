package dev.turnstile.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimitHintsTest {

    @Test
    void noneHasNothing() {
        assertThat(RateLimitHints.NONE.delayMillis()).isEqualTo(-1);
        assertThat(RateLimitHints.NONE.hasDelay()).isFalse();
        assertThat(RateLimitHints.NONE.requestsExhausted()).isFalse();
    }

    @Test
    void ofNormalizes() {
        assertThat(RateLimitHints.of(-5, false)).isSameAs(RateLimitHints.NONE);
        assertThat(RateLimitHints.of(-5, true).delayMillis()).isEqualTo(-1);
        assertThat(RateLimitHints.of(-5, true).requestsExhausted()).isTrue();
        assertThat(RateLimitHints.of(0, false).hasDelay()).isTrue();
        assertThat(RateLimitHints.of(Long.MAX_VALUE, false).delayMillis())
                .isEqualTo(RateLimitHeaders.MAX_DELAY_MILLIS);
    }

    @Test
    void valueSemantics() {
        RateLimitHints a = RateLimitHints.of(1500, true);
        assertThat(a).isEqualTo(RateLimitHints.of(1500, true)).hasSameHashCodeAs(RateLimitHints.of(1500, true));
        assertThat(a).isNotEqualTo(RateLimitHints.of(1500, false)).isNotEqualTo(RateLimitHints.of(1501, true));
        assertThat(a).isNotEqualTo(null).isNotEqualTo("1500");
        assertThat(a.toString()).contains("1500").contains("requestsExhausted=true");
    }
}
