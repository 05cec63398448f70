package dev.turnstile.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class UsageScannerTest {

    private static final String OPENAI = "{\"id\":\"chatcmpl-1\",\"choices\":[{\"message\":{\"role\":\"assistant\","
            + "\"content\":\"Hi\"}}],\"usage\":{\"prompt_tokens\": 19, \"completion_tokens\": 10, \"total_tokens\": 29,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":0}}}";

    private static final String OPENAI_STREAM = "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}],\"usage\":null}\n\n"
            + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3,\"total_tokens\":10}}\n\n"
            + "data: [DONE]\n\n";

    private static final String ANTHROPIC = "{\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}],"
            + "\"usage\":{\"input_tokens\":12,\"cache_read_input_tokens\":500,\"output_tokens\":6}}";

    private static final String ANTHROPIC_STREAM = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":"
            + "{\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}\n\n"
            + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"text\":\"Hello\"}}\n\n"
            + "event: message_delta\ndata: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":15}}\n\n";

    private static long scan(String body) {
        UsageScanner scanner = new UsageScanner();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        scanner.feed(bytes, 0, bytes.length);
        return scanner.tokens();
    }

    @Test
    void openAiTotalTokens() {
        assertThat(scan(OPENAI)).isEqualTo(29);
    }

    @Test
    void openAiPromptAndCompletionWithoutATotal() {
        assertThat(scan("{\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":5}}")).isEqualTo(9);
    }

    @Test
    void openAiStreamWithIncludeUsage() {
        assertThat(scan(OPENAI_STREAM)).isEqualTo(10);
    }

    @Test
    void anthropicInputAndOutputWithoutCacheKeys() {
        assertThat(scan(ANTHROPIC)).isEqualTo(18);
    }

    @Test
    void anthropicStreamTakesTheRunningOutputCountOfMessageDelta() {
        assertThat(scan(ANTHROPIC_STREAM)).isEqualTo(40);
    }

    @Test
    void everySplitOfTheBodyGivesTheSameCount() {
        for (String body : new String[] {OPENAI, OPENAI_STREAM, ANTHROPIC, ANTHROPIC_STREAM}) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            long whole = scan(body);
            for (int cut = 0; cut <= bytes.length; cut++) {
                UsageScanner scanner = new UsageScanner();
                scanner.feed(bytes, 0, cut);
                for (int i = cut; i < bytes.length; i++) {
                    scanner.feed(bytes[i]);
                }
                assertThat(scanner.tokens()).as("cut at %d of %s", cut, body).isEqualTo(whole);
            }
        }
    }

    @Test
    void aKeyInsideAStringValueDoesNotCount() {
        assertThat(scan("{\"content\":\"say \\\"total_tokens\\\": 999 please\",\"usage\":null}")).isEqualTo(-1);
        assertThat(scan("{\"note\":\"total_tokens\",\"x\":5}")).isEqualTo(-1);
    }

    @Test
    void noUsageOrGarbageIsNoCountAndNeverAnException() {
        assertThat(scan("")).isEqualTo(-1);
        assertThat(scan("{\"error\":{\"message\":\"bad\"}}")).isEqualTo(-1);
        assertThat(scan("\"total_tokens\": -5")).isEqualTo(-1);
        assertThat(scan("\"total_tokens\": \"12\"")).isEqualTo(-1);
        assertThat(scan("\"total_tokens\": 99999999999999999999999999")).isEqualTo(-1);
        assertThat(scan("\"total_tokens\":")).as("cut before the value").isEqualTo(-1);
        UsageScanner scanner = new UsageScanner();
        byte[] noise = new byte[4096];
        new java.util.Random(7).nextBytes(noise);
        scanner.feed(noise, 0, noise.length);
        scanner.tokens();
    }

    @Test
    void aCountCutAtTheEndOfTheBodyIsNotTakenHalfRead() {
        assertThat(scan("{\"usage\":{\"total_tokens\":12")).as("the number may go on").isEqualTo(-1);
    }
}
