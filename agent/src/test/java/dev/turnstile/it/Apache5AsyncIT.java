package dev.turnstile.it;

import dev.turnstile.it.support.MockLlmServer;
import dev.turnstile.it.support.Transcript;

/** Apache HttpClient 5 async, with its default retry strategy. */
class Apache5AsyncIT extends AbstractAsyncClientIT {

    @Override
    protected String client() {
        return "apache5-async";
    }

    /**
     * The test application reads answers through a buffering consumer ({@code SimpleHttpResponse}):
     * the body is whole when the application gets it, so it can neither hold it open nor drop it.
     */
    @Override
    protected boolean handsOutOpenBodies() {
        return false;
    }

    /**
     * The async API has no body to close: its application gives up after the first bytes by
     * failing its streaming consumer, which aborts the exchange, a failure like any other.
     */
    @Override
    protected boolean closesABodyEarlyByFailingIt() {
        return true;
    }

    /** As for the classic client: the async client's default retry strategy retries the 429 by itself. */
    @Override
    protected void assertRateLimitHeldTheQueue(MockLlmServer server, Transcript child, int limit) {
        ApacheRetries.assertRetriedRateLimitHeldTheQueue(server, child);
    }
}
