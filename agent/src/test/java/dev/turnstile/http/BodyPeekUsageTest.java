package dev.turnstile.http;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A usage peek: every chunk goes to the scanner, none is kept, no buffer moves, it is never full. */
class BodyPeekUsageTest {

    private static final byte[] ANSWER = ("{\"usage\":{\"input_tokens\":12,\"output_tokens\":30}}"
            + " ".repeat(BodyPeek.LIMIT)).getBytes(StandardCharsets.UTF_8);

    @Test
    void buffersAreScannedWithoutMovingAndAHugeBodyNeverFillsIt() {
        BodyPeek peek = BodyPeek.forUsage();
        ByteBuffer first = ByteBuffer.wrap(ANSWER, 0, 20).slice();
        ByteBuffer rest = ByteBuffer.wrap(ANSWER, 20, ANSWER.length - 20).slice();

        peek.write(first);
        peek.write(rest);

        assertThat(first.position()).isZero();
        assertThat(rest.position()).isZero();
        assertThat(peek.isFull()).isFalse();
        assertThat(peek.tokensUsed()).isEqualTo(42);
        assertThat(peek.retryDelayMillis()).isEqualTo(-1);
    }

    @Test
    void arraysAndSingleBytesAreScannedToo() {
        BodyPeek peek = BodyPeek.forUsage();
        peek.write(ANSWER, 0, 10);
        for (int i = 10; i < 40; i++) {
            peek.write(ANSWER[i]);
        }
        peek.write(ANSWER, 40, ANSWER.length - 40);
        peek.write(ANSWER, -1, 5); // out of range: ignored, as for a retry hint peek

        assertThat(peek.tokensUsed()).isEqualTo(42);
    }

    @Test
    void aRetryHintPeekCountsNoTokens() {
        BodyPeek peek = new BodyPeek();
        peek.write(ANSWER, 0, ANSWER.length);

        assertThat(peek.tokensUsed()).isEqualTo(-1);
        assertThat(peek.isFull()).isTrue();
    }
}
