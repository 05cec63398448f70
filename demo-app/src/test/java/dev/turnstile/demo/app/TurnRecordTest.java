package dev.turnstile.demo.app;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TurnRecordTest {

    @Test
    void aTurnCrossesToTheParentWhole() {
        TurnRecord sent = new TurnRecord(7, "okhttp", 2, 12_345, 5, 3, 1, false);

        assertThat(sent.toWire()).startsWith(TurnRecord.WIRE_PREFIX);
        assertThat(TurnRecord.fromWire(sent.toWire())).isEqualTo(sent);
    }
}
