package dev.turnstile.http;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TokenEstimateTest {

    @Test
    void fourBytesATokenRoundedUp() {
        assertThat(TokenEstimate.ofBodyBytes(0)).isZero();
        assertThat(TokenEstimate.ofBodyBytes(1)).isEqualTo(1);
        assertThat(TokenEstimate.ofBodyBytes(4_000)).isEqualTo(1_000);
        assertThat(TokenEstimate.ofBodyBytes(4_001)).isEqualTo(1_001);
    }

    @Test
    void anUnknownSizeCountsTheDefault() {
        assertThat(TokenEstimate.ofBodyBytes(-1)).isEqualTo(TokenEstimate.UNKNOWN_SIZE_TOKENS);
        assertThat(TokenEstimate.ofHeaders(null)).isEqualTo(TokenEstimate.UNKNOWN_SIZE_TOKENS);
        assertThat(TokenEstimate.ofHeaders(HeaderLookup.of(Map.of()))).isEqualTo(TokenEstimate.UNKNOWN_SIZE_TOKENS);
        assertThat(TokenEstimate.ofHeaders(HeaderLookup.of(Map.of("Content-Length", "lots"))))
                .isEqualTo(TokenEstimate.UNKNOWN_SIZE_TOKENS);
    }

    @Test
    void theContentLengthHeaderTellsWhenTheClientDoesNot() {
        assertThat(TokenEstimate.ofHeaders(HeaderLookup.of(Map.of("Content-Length", "800")))).isEqualTo(200);
    }
}
