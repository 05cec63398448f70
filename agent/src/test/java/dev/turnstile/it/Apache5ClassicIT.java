package dev.turnstile.it;

import dev.turnstile.it.support.MockLlmServer;
import dev.turnstile.it.support.Transcript;

/** Apache HttpClient 5 classic, with its default retry strategy. */
class Apache5ClassicIT extends AbstractClientIT {

    @Override
    protected String client() {
        return "apache5";
    }

    /**
     * HttpClient 5's default retry strategy retries a 429 once by itself, after its Retry-After,
     * inside the same {@code execute}: the application sees the retry's 200, not the 429. The
     * queue must still be held back by the 429 that only the per-attempt hook saw.
     */
    @Override
    protected void assertRateLimitHeldTheQueue(MockLlmServer server, Transcript child, int limit) {
        ApacheRetries.assertRetriedRateLimitHeldTheQueue(server, child);
    }
}
