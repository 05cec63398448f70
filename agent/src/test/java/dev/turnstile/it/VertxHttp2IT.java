package dev.turnstile.it;

import dev.turnstile.it.apps.CallerLoop;
import dev.turnstile.it.support.ScenarioJvms;

/**
 * Vert.x's {@code HttpClient} over HTTP/2 (h2c, prior knowledge, no upgrade; h2, by ALPN): 5 on
 * Netty 4.2, the test class path's, and 4.5 on Netty 4.1, copied aside by Maven (see
 * {@link Vertx45IT}). Each request is a stream of a shared connection, written through the same
 * {@code doWrite} as over HTTP/1.1. The limit and the 429 run on both protocols on every JDK on 5,
 * and on both protocols on 4.5 (h2c on JDK 17, h2 on 25); the fault matrix runs pairwise over
 * protocol, JDK and version (see {@link AbstractHttp2IT}).
 */
class VertxHttp2IT extends AbstractHttp2IT {

    VertxHttp2IT() {
        super(new Stack("Vert.x 5 (Netty 4.2)", new ScenarioJvms(CallerLoop.class, entries -> entries),
                        "vertx-", "/netty-codec-http2-4.2.", "/vertx-core-4."),
                new Stack("Vert.x 4.5 (Netty 4.1)", new ScenarioJvms(CallerLoop.class, Vertx45IT::onVertx45),
                        "vertx-", "/vertx-core-4.5.22.jar", "/netty-codec-http2-4.2."));
    }

    /**
     * A Vert.x request exists only once its connection (or its stream of one) is made, and is gated
     * when its head is written: a refused connection fails the call before it took a slot.
     */
    @Override
    boolean takesItsSlotBeforeConnecting() {
        return false;
    }

    /**
     * Vert.x's read timeout is the connection's read idle timeout, which closes the connection
     * (see {@link VertxIT}).
     */
    @Override
    boolean isReadTimeout(String failure) {
        return failure.contains("HttpClosedException");
    }
}
