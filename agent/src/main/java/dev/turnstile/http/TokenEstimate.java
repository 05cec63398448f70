package dev.turnstile.http;

/**
 * What a call counts against its provider's token budget before its answer tells: its request
 * body's size in bytes divided by {@value #BYTES_PER_TOKEN} (rounded up), the usual rule of thumb
 * for English text and JSON in the tokenizers of OpenAI and Anthropic. A body of unknown size (a
 * streamed upload, or a client that does not say) counts {@value #UNKNOWN_SIZE_TOKENS}. It is an
 * estimate of the prompt only: the answer's usage, where the body is read
 * ({@link UsageScanner}), replaces it with prompt and completion together.
 */
public final class TokenEstimate {

    public static final int BYTES_PER_TOKEN = 4;
    public static final long UNKNOWN_SIZE_TOKENS = 1_000;

    private TokenEstimate() {
    }

    /** {@code bodyBytes}: the request body's size; 0 for none, negative when unknown. */
    public static long ofBodyBytes(long bodyBytes) {
        if (bodyBytes < 0) {
            return UNKNOWN_SIZE_TOKENS;
        }
        return bodyBytes / BYTES_PER_TOKEN + (bodyBytes % BYTES_PER_TOKEN == 0 ? 0 : 1);
    }

    /** From the request's {@code Content-Length} header, for a client whose body size is known no other way. */
    static long ofHeaders(HeaderLookup headers) {
        String length = headers == null ? null : headers.get("Content-Length");
        if (length == null) {
            return UNKNOWN_SIZE_TOKENS;
        }
        try {
            return ofBodyBytes(Long.parseLong(length.trim()));
        } catch (NumberFormatException e) {
            return UNKNOWN_SIZE_TOKENS;
        }
    }
}
