package dev.turnstile.demo.client;

/**
 * What came back: the status, the provider's {@code Retry-After} in millis ({@code -1} if absent),
 * and how many tokens were streamed.
 */
public final class ChatAnswer {

    private final int status;
    private final long retryAfterMillis;
    private final int tokens;

    public ChatAnswer(int status, long retryAfterMillis, int tokens) {
        this.status = status;
        this.retryAfterMillis = retryAfterMillis;
        this.tokens = tokens;
    }

    public int status() {
        return status;
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public boolean rateLimited() {
        return status == 429;
    }

    public long retryAfterMillis() {
        return retryAfterMillis;
    }

    public int tokens() {
        return tokens;
    }
}
