package dev.turnstile.it;

/**
 * Reactor Netty's {@code HttpClient}: the fault matrix of every async client. A body is a
 * {@code Flux} whose subscriber the application holds or disposes; one it drops stays reachable
 * from the connection's pipeline while the connection is open, so the watchdog, not the collector,
 * takes back the slot of a body that is never disposed.
 */
class ReactorNettyIT extends AbstractAsyncClientIT {

    @Override
    protected String client() {
        return "reactor-netty";
    }

    @Override
    protected boolean letsADroppedBodyBecomeGarbage() {
        return false;
    }
}
