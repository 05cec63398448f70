package dev.turnstile.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UngatedClientsTest {

    private static final String WHY = "it cannot be gated";

    private static UngatedClients reporter(boolean enabled) {
        return new UngatedClients(OpenAiGate.of(enabled, System::nanoTime));
    }

    @Test
    void aProviderReachedByAClientIsReportedOncePerClientClass() {
        UngatedClients ungated = reporter(true);

        assertThat(ungated.reached("a.Minimal", "https", "api.openai.com", -1, WHY)).isTrue();
        assertThat(ungated.reached("a.Minimal", "https", "api.openai.com", 443, WHY)).as("the same, again").isFalse();
        assertThat(ungated.reached("b.Custom", "https", "api.openai.com", -1, WHY)).as("another client").isTrue();
    }

    @Test
    void otherHostsAndADisabledAgentAreNeverReported() {
        assertThat(reporter(true).reached("a.Minimal", "https", "example.com", -1, WHY)).isFalse();
        assertThat(reporter(false).reached("a.Minimal", "https", "api.openai.com", -1, WHY)).isFalse();
    }
}
