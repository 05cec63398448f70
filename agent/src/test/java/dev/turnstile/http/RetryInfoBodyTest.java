package dev.turnstile.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static dev.turnstile.http.RateLimitHeaders.MAX_DELAY_MILLIS;
import static org.assertj.core.api.Assertions.assertThat;

class RetryInfoBodyTest {

    /** Gemini's 429 body, as its rate-limit documentation shows it (message shortened). */
    private static final String GEMINI_429 = "{\n  \"error\": {\n    \"code\": 429,\n"
            + "    \"message\": \"You exceeded your current quota, please check your plan and billing details.\",\n"
            + "    \"status\": \"RESOURCE_EXHAUSTED\",\n    \"details\": [\n"
            + "      {\n        \"@type\": \"type.googleapis.com/google.rpc.QuotaFailure\",\n"
            + "        \"violations\": [{\"quotaMetric\": \"generativelanguage.googleapis.com/generate_content_free_tier_requests\"}]\n"
            + "      },\n"
            + "      {\n        \"@type\": \"type.googleapis.com/google.rpc.RetryInfo\",\n        \"retryDelay\": \"30s\"\n      }\n"
            + "    ]\n  }\n}\n";

    private static long delay(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return RetryInfoBody.retryDelayMillis(bytes, bytes.length);
    }

    @Test
    void readsGeminisRetryInfo() {
        assertThat(delay(GEMINI_429)).isEqualTo(30_000);
    }

    @ParameterizedTest
    @CsvSource({"30s, 30000", "1.5s, 1500", "0.000001s, 1", "59.999s, 59999", "0s, 0", "86400s, " + MAX_DELAY_MILLIS})
    void retryDelayIsDecimalSecondsRoundedUpAndCapped(String value, long millis) {
        assertThat(delay("{\"retryDelay\":\"" + value + "\"}")).isEqualTo(millis);
    }

    @Test
    void whitespaceAroundTheColonIsAllowed() {
        assertThat(delay("{\"retryDelay\" \t:\r\n \"2s\"}")).isEqualTo(2_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "{}", "not json at all", "{\"retryDelay\": 30}", "{\"retryDelay\": \"30\"}", "{\"retryDelay\": \"-30s\"}",
        "{\"retryDelay\": \"30m\"}", "{\"retryDelay\": \"1m30s\"}", "{\"retryDelay\": \"s\"}", "{\"retryDelay\": \"\"}",
        "{\"retryDelay\": \"NaNs\"}", "{\"retryDelay\": \"1e3s\"}", "{\"retryDelay\": \"30s", "{\"retryDelay\"",
        "{\"retryDelay\":", "{\"retryDelay\" \"30s\"}", "{\"retryDelay\": \"..s\"}", "{\"retrydelay\": \"30s\"}",
        "{\"message\": \"Please try again in 30s\"}"
    })
    void anythingElseIsNoHint(String body) {
        assertThat(delay(body)).as(body).isEqualTo(-1);
    }

    @Test
    void onlyTheBytesGivenCount() {
        byte[] bytes = GEMINI_429.getBytes(StandardCharsets.UTF_8);
        int cut = GEMINI_429.indexOf("30s");
        assertThat(RetryInfoBody.retryDelayMillis(bytes, cut)).as("cut inside the value").isEqualTo(-1);
        assertThat(RetryInfoBody.retryDelayMillis(bytes, bytes.length + 100)).as("a length past the array").isEqualTo(30_000);
        assertThat(RetryInfoBody.retryDelayMillis(null, 10)).isEqualTo(-1);
        assertThat(RetryInfoBody.retryDelayMillis(bytes, -1)).isEqualTo(-1);
    }

    @Test
    void binaryOrNonAsciiBodiesNeverThrow() {
        byte[] bytes = new byte[4096];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        assertThat(RetryInfoBody.retryDelayMillis(bytes, bytes.length)).isEqualTo(-1);
        assertThat(delay("{\"m\": \"Überlastet — später\", \"retryDelay\": \"4s\"}")).isEqualTo(4_000);
    }

    @Test
    void thePeekKeepsOnlyItsLimit() {
        BodyPeek peek = new BodyPeek();
        byte[] padding = new byte[BodyPeek.LIMIT - 10];
        java.util.Arrays.fill(padding, (byte) ' ');
        peek.write(padding, 0, padding.length);
        byte[] tail = "{\"retryDelay\": \"3s\"}".getBytes(StandardCharsets.UTF_8);
        peek.write(tail, 0, tail.length);
        assertThat(peek.isFull()).isTrue();
        assertThat(peek.retryDelayMillis()).as("the hint lies past the limit").isEqualTo(-1);

        BodyPeek small = new BodyPeek();
        small.write(tail, 0, tail.length);
        small.write(tail, 5, 1_000_000); // a bad range is ignored
        assertThat(small.retryDelayMillis()).isEqualTo(3_000);
    }
}
