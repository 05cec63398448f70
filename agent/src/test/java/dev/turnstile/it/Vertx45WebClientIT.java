package dev.turnstile.it;

import java.util.List;

/**
 * The Vert.x {@code WebClient} 4.5.22 over the {@code HttpClient} of Vert.x 4.5 on Netty 4.1
 * ({@link Vertx45IT} runs that client through the whole fault matrix): one slot per call, and
 * a 429 holds the queue back.
 */
class Vertx45WebClientIT extends VertxWebClientIT {

    @Override
    protected List<String> classPath(List<String> entries) {
        return Vertx45IT.onVertx45(entries);
    }
}
