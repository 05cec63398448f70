package dev.turnstile.demo.client;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SseStreamTest {

    @Test
    void countsContentChunksUpToDone() throws IOException {
        String stream = ": keep-alive\n\n"
                + "data: {\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}\n\n"
                + "data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\n"
                + "data: {\"choices\":[{\"delta\":{\"content\":\"lo\"}}]}\n\n"
                + "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
                + "data: [DONE]\n\n"
                + "data: {\"choices\":[{\"delta\":{\"content\":\"after done\"}}]}\n\n";

        assertThat(SseStream.countTokens(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(2);
    }

    @Test
    void aStreamWithoutDoneEndsAtItsEnd() throws IOException {
        String stream = "data: {\"choices\":[{\"delta\":{\"content\":\"x\"}}]}\n\n";

        assertThat(SseStream.countTokens(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(1);
    }
}
