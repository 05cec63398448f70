package dev.turnstile.http;

import dev.turnstile.core.FakeTime;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class UngatedConnectionsTest {

    private static final Duration GRACE = Duration.ofNanos(UngatedConnections.GRACE_NANOS);

    private final FakeTime time = new FakeTime();
    private final AtomicInteger stackNamed = new AtomicInteger();
    private final Gate gate = OpenAiGate.of(true, time::nanoTime);
    private final UngatedConnections connections = new UngatedConnections(gate, time);

    private boolean connect(String host) {
        return connections.connecting(host, 443, () -> {
            stackNamed.incrementAndGet();
            return "io.netty";
        });
    }

    private void door(String method, String path) {
        gate.open(method, "https", "api.openai.com", -1, path, null);
    }

    private void advanceSeconds(long seconds) {
        time.advance(Duration.ofSeconds(seconds));
    }

    @Test
    void aConnectionNoDoorClaimsWithinTheGraceIsCountedEachTime() {
        assertThat(connect("api.openai.com")).isTrue();
        assertThat(connect("api.openai.com")).isTrue();
        assertThat(gate.activity().ungated("openai")).as("judged only after the grace").isZero();

        time.advance(GRACE);

        assertThat(gate.activity().ungated("openai")).isEqualTo(2);
        assertThat(connections.reportedStack("io.netty", "openai")).isTrue();
    }

    @Test
    void beyondTheMostWaitingAConnectionIsJudgedAtOnceAndTheTimerHoldsNoMore() {
        for (int i = 0; i < UngatedConnections.MOST_WAITING; i++) {
            connect("api.openai.com");
        }
        assertThat(gate.activity().ungated("openai")).as("all of them wait for the grace").isZero();

        connect("api.openai.com");
        assertThat(gate.activity().ungated("openai")).as("one too many: judged at once").isEqualTo(1);

        time.advance(GRACE);
        assertThat(gate.activity().ungated("openai")).isEqualTo(UngatedConnections.MOST_WAITING + 1);

        connect("api.openai.com");
        assertThat(gate.activity().ungated("openai")).as("room again once the judged ones left")
                .isEqualTo(UngatedConnections.MOST_WAITING + 1);
    }

    @Test
    void aClientThatConnectsBeforeItsFirstRequestReachesTheDoorIsNotCounted() {
        assertThat(connect("api.openai.com")).as("held for judgement").isTrue();
        advanceSeconds(1);
        door("POST", "/v1/chat/completions"); // Vert.x: the gate is taken when the head is written

        time.advance(GRACE);

        assertThat(gate.activity().ungated("openai")).isZero();
        assertThat(connections.reportedStack("io.netty", "openai")).isFalse();
    }

    @Test
    void aDoorThatComesAfterTheGraceIsTooLate() {
        connect("api.openai.com");
        time.advance(GRACE.plusMillis(1));
        door("POST", "/v1/chat/completions");

        assertThat(gate.activity().ungated("openai")).isEqualTo(1);
    }

    @Test
    void aDoorBeforeTheConnectDoesNotCountAsOneAfterIt() {
        door("GET", "/v1/models");
        advanceSeconds(6);

        assertThat(connect("api.openai.com")).as("the door is 6 s old: not covered").isTrue();
        time.advance(GRACE);

        assertThat(gate.activity().ungated("openai")).isEqualTo(1);
    }

    @Test
    void aHostThatIsNoProvidersIsNeitherCountedNorNamedNorTimed() {
        assertThat(connect("example.com")).isFalse();
        time.advance(GRACE);

        assertThat(gate.activity().ungated("openai")).isZero();
        assertThat(stackNamed).as("the stack is walked only for a connection held for judgement").hasValue(0);
    }

    @Test
    void aDoorThatSawTheProviderLatelyCoversItsConnections() {
        door("GET", "/v1/models"); // not gated, but the client's own
        advanceSeconds(4);
        assertThat(connect("api.openai.com")).as("4 s after the door").isFalse();

        advanceSeconds(2);
        assertThat(connect("api.openai.com")).as("6 s after the door").isTrue();
        time.advance(GRACE);
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
        time.advance(GRACE);
        assertThat(gate.activity().ungated("openai")).isEqualTo(1);
    }

    @Test
    void aDisabledAgentCountsNothing() {
        UngatedConnections disabled = new UngatedConnections(OpenAiGate.of(false, time::nanoTime), time);

        assertThat(disabled.connecting("api.openai.com", 443, () -> "io.netty")).isFalse();
    }

    @Test
    void aResetStartsTheCountAgain() {
        connect("api.openai.com");
        time.advance(GRACE);
        gate.activity().resetUngated("openai");

        assertThat(gate.activity().ungated("openai")).isZero();
    }
}
