package dev.turnstile.http;

/**
 * Finds how many tokens an answer used in its body as it streams by, byte by byte, with a few
 * fields of state (no buffer of the body): OpenAI's {@code usage.prompt_tokens},
 * {@code completion_tokens} and {@code total_tokens} (also in the last chunk of a stream asked
 * with {@code stream_options.include_usage}), and Anthropic's {@code usage.input_tokens} and
 * {@code output_tokens} (streamed: {@code message_start} then {@code message_delta}, whose count is
 * the running total).
 *
 * <p>Not a JSON parser: it tracks strings (with their escapes) so that only an object key counts,
 * and reads a whole number after such a key and its colon. A key seen again replaces its value, as
 * a stream's later events carry the running totals. Anything else, including a malformed or cut
 * body, is ignored; it never throws. Not thread-safe: its {@link BodyPeek} guards it.
 */
final class UsageScanner {

    /** Longer strings are not one of our keys: only this much of a string is kept. */
    private static final int KEY_MAX = 24;
    /** A count beyond this is not a token count (and would overflow soon). */
    private static final long COUNT_MAX = 1L << 40;

    private static final String[] KEYS = {
        "total_tokens", "prompt_tokens", "completion_tokens", "input_tokens", "output_tokens"};
    private static final int TOTAL = 0;
    private static final int PROMPT = 1;
    private static final int COMPLETION = 2;
    private static final int INPUT = 3;
    private static final int OUTPUT = 4;

    private static final int OUTSIDE = 0;
    private static final int IN_STRING = 1;
    private static final int ESCAPED = 2;
    private static final int AFTER_STRING = 3;
    private static final int BEFORE_VALUE = 4;
    private static final int IN_NUMBER = 5;

    private final long[] counts = {-1, -1, -1, -1, -1};
    private final char[] string = new char[KEY_MAX];
    private int length;
    private int state = OUTSIDE;
    private int key = -1;
    private long number;

    void feed(byte b) {
        char c = (char) (b & 0xff);
        switch (state) {
            case IN_STRING:
                inString(c);
                break;
            case ESCAPED:
                length = KEY_MAX + 1; // an escape is in no key of ours
                state = IN_STRING;
                break;
            case AFTER_STRING:
                if (c == ':') {
                    key = keyOf();
                    state = key >= 0 ? BEFORE_VALUE : OUTSIDE;
                } else if (!isSpace(c)) {
                    outside(c);
                }
                break;
            case BEFORE_VALUE:
                if (isDigit(c)) {
                    number = c - '0';
                    state = IN_NUMBER;
                } else if (!isSpace(c)) {
                    outside(c);
                }
                break;
            case IN_NUMBER:
                if (isDigit(c)) {
                    number = number > COUNT_MAX ? number : number * 10 + (c - '0');
                } else {
                    if (number <= COUNT_MAX) {
                        counts[key] = number;
                    }
                    outside(c);
                }
                break;
            default:
                outside(c);
        }
    }

    void feed(byte[] bytes, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            feed(bytes[i]);
        }
    }

    /**
     * The tokens the answer used so far: its total when it gave one, else prompt and completion
     * (OpenAI), else input and output (Anthropic); -1 when the body said none of these.
     */
    long tokens() {
        if (counts[TOTAL] >= 0) {
            return counts[TOTAL];
        }
        if (counts[PROMPT] >= 0 || counts[COMPLETION] >= 0) {
            return Math.max(counts[PROMPT], 0) + Math.max(counts[COMPLETION], 0);
        }
        if (counts[INPUT] >= 0 || counts[OUTPUT] >= 0) {
            return Math.max(counts[INPUT], 0) + Math.max(counts[OUTPUT], 0);
        }
        return -1;
    }

    private void outside(char c) {
        if (c == '"') {
            length = 0;
            state = IN_STRING;
        } else {
            state = OUTSIDE;
        }
    }

    private void inString(char c) {
        if (c == '"') {
            state = AFTER_STRING;
        } else if (c == '\\') {
            state = ESCAPED;
        } else if (length < KEY_MAX) {
            string[length++] = c;
        } else {
            length = KEY_MAX + 1;
        }
    }

    private int keyOf() {
        if (length > KEY_MAX) {
            return -1;
        }
        for (int i = 0; i < KEYS.length; i++) {
            if (KEYS[i].length() == length && KEYS[i].contentEquals(java.nio.CharBuffer.wrap(string, 0, length))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
