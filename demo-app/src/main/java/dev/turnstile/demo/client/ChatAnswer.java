package dev.turnstile.demo.client;

/**
 * What came back: the status, the provider's {@code Retry-After} in millis ({@code -1} if absent),
 * and how many tokens were streamed.
 */
public record ChatAnswer(int status, long retryAfterMillis, int tokens) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public boolean rateLimited() {
        return status == 429;
    }
}
