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

    /** Vert.x's connection keeps a paused response reachable: a dropped one is taken back by the watchdog. */
    @Override
    protected boolean letsADroppedBodyBecomeGarbage() {
        return false;
    }
}
