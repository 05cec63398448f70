package dev.turnstile.it;

/**
 * Vert.x core's {@code HttpClient} 5: its requests are futures on an event loop, so a queued
 * request is written only when its slot is granted, and {@code reset} withdraws it.
 */
class VertxIT extends AbstractAsyncClientIT {

    @Override
    protected String client() {
        return "vertx";
    }

    /**
     * Vert.x's read timeout is the connection's read idle timeout (a request's idle timeout ends at
     * the response's head), and it closes the connection: the call fails as closed. The stall
     * lasts 30 s, so a close within the test is the timeout's.
     */
    @Override
    protected boolean isReadTimeout(String failure) {
        return failure.contains("HttpClosedException");
    }

    /** Vert.x's connection keeps a paused response reachable: a dropped one is taken back by the watchdog. */
    @Override
    protected boolean letsADroppedBodyBecomeGarbage() {
        return false;
    }
}
