package dev.turnstile.http;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class UngatedConnectionsTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicInteger stackNamed = new AtomicInteger();
    private final Gate gate = OpenAiGate.of(true, nanos::get);
    private final UngatedConnections connections = new UngatedConnections(gate);

    private boolean connect(String host) {
        return connections.connecting(host, 443, () -> {
            stackNamed.incrementAndGet();
            return "io.netty";
        });
    }

    private void advanceSeconds(long seconds) {
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    @Test
    void aConnectionToAProviderWithNoGatedCallIsCountedEachTime() {
        assertThat(connect("api.openai.com")).isTrue();
        assertThat(connect("api.openai.com")).isTrue();

        assertThat(gate.activity().ungated("openai")).isEqualTo(2);
        assertThat(connections.reportedStack("io.netty", "openai")).isTrue();
    }

    @Test
    void aHostThatIsNoProvidersIsNeitherCountedNorNamed() {
        assertThat(connect("example.com")).isFalse();

        assertThat(gate.activity().ungated("openai")).isZero();
        assertThat(stackNamed).as("the stack is walked only for a report").hasValue(0);
    }

    @Test
    void aDoorThatSawTheProviderLatelyCoversItsConnections() {
        gate.open("GET", "https", "api.openai.com", -1, "/v1/models", null); // not gated, but the client's own
        advanceSeconds(4);
        assertThat(connect("api.openai.com")).as("4 s after the door").isFalse();

        advanceSeconds(2);
        assertThat(connect("api.openai.com")).as("6 s after the door").isTrue();
        assertThat(gate.activity().ungated("openai")).isEqualTo(1);
    }

    @Test
    void aCallInFlightCoversItsProvidersConnectionsHoweverLongItWaited() throws IOException {
        GatedCall call = gate.open("POST", "https", "api.openai.com", -1, "/v1/chat/completions", null);
        call.acquire();
        advanceSeconds(60);

        assertThat(connect("api.openai.com")).as("in flight").isFalse();

        call.complete();
        assertThat(connect("api.openai.com")).as("after it ended").isTrue();
    }

    @Test
    void aDisabledAgentCountsNothing() {
        UngatedConnections disabled = new UngatedConnections(OpenAiGate.of(false, nanos::get));

        assertThat(disabled.connecting("api.openai.com", 443, () -> "io.netty")).isFalse();
    }

    @Test
    void aResetStartsTheCountAgain() {
        connect("api.openai.com");
        gate.activity().resetUngated("openai");

        assertThat(gate.activity().ungated("openai")).isZero();
    }
}
