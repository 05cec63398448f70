package dev.turnstile.http;

import java.nio.charset.StandardCharsets;

/**
 * Reads the retry hint that Gemini (and other Google APIs) put in a 429's JSON body rather than
 * in a header: a {@code google.rpc.RetryInfo} detail, whose {@code retryDelay} is a protobuf
 * {@code Duration} in its JSON form, decimal seconds with an {@code s} ({@code "30s"},
 * {@code "1.5s"}). For example:
 *
 * <pre>{"error": {"code": 429, "status": "RESOURCE_EXHAUSTED", "details": [
 *   {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "30s"}]}}</pre>
 *
 * <p>Not a JSON parser: it looks for the first {@code "retryDelay"} key followed by a string
 * value, which is all the hint needs; a body cut short by the peek limit is fine when the key
 * came before the cut. Never throws; anything else is no hint.
 */
final class RetryInfoBody {

    private static final String KEY = "\"retryDelay\"";

    private RetryInfoBody() {}

    /**
     * The {@code retryDelay} of the first {@code length} bytes of {@code body}, in milliseconds
     * rounded up and capped at {@link RateLimitHeaders#MAX_DELAY_MILLIS}; -1 when absent or malformed.
     */
    static long retryDelayMillis(byte[] body, int length) {
        if (body == null || length <= 0) {
            return -1;
        }
        // Latin-1 maps each byte to one char: the ASCII we look for survives whatever the rest is.
        String text = new String(body, 0, Math.min(length, body.length), StandardCharsets.ISO_8859_1);
        int key = text.indexOf(KEY);
        if (key < 0) {
            return -1;
        }
        int i = skipWhitespace(text, key + KEY.length());
        if (i >= text.length() || text.charAt(i) != ':') {
            return -1;
        }
        i = skipWhitespace(text, i + 1);
        if (i >= text.length() || text.charAt(i) != '"') {
            return -1;
        }
        int close = text.indexOf('"', i + 1);
        if (close < 0) {
            return -1;
        }
        return secondsMillis(text.substring(i + 1, close));
    }

    /** A protobuf JSON duration: {@code DIGITS[.DIGITS]s} and nothing else (no sign, no other unit). */
    private static long secondsMillis(String value) {
        if (value.length() < 2 || value.charAt(value.length() - 1) != 's') {
            return -1;
        }
        for (int i = 0; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (!Timestamps.isDigit(c) && c != '.') {
                return -1;
            }
        }
        return RateLimitHeaders.goDurationMillis(value);
    }

    private static int skipWhitespace(String s, int from) {
        int i = from;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n' || s.charAt(i) == '\r')) {
            i++;
        }
        return i;
    }
}
