package dev.turnstile.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FleetProbeTest {

    @Test
    void aViewCrossesToTheParentWhole() {
        FleetProbe.View sent = new FleetProbe.View("REJOINING", 3, 4, 1, 312, 2);

        assertThat(sent.toWire()).startsWith(FleetProbe.WIRE_PREFIX);
        assertThat(FleetProbe.View.fromWire(sent.toWire())).isEqualTo(sent);
        assertThat(FleetProbe.View.fromWire(FleetProbe.View.NONE.toWire())).isEqualTo(FleetProbe.View.NONE);
    }

    @Test
    void theSentenceSaysWhatTheReplicaSees() {
        assertThat(new FleetProbe.View("SHARED", 3, 4, 1, 312, 0).sentence())
                .isEqualTo("SHARED, 3 live replicas, mock limit 4 (local share 1), Redis round trip 312 µs, 0 fail-overs");
        assertThat(new FleetProbe.View("LOCAL", 1, -1, -1, 90, 1).sentence())
                .as("before the agent has a row for the provider")
                .isEqualTo("LOCAL, 1 live replica, Redis round trip 90 µs, 1 fail-over");
        assertThat(FleetProbe.View.NONE.sentence()).isEqualTo("no Fleet MBean: this JVM's limit is its own");
    }

    @Test
    void aJvmWithoutTheAgentHasNoFleetView() {
        assertThat(FleetProbe.read()).isEqualTo(FleetProbe.View.NONE);
    }
}
