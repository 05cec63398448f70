package dev.turnstile.reactornetty.library;

import dev.turnstile.http.Gate;
import dev.turnstile.reactornetty.ReactorNettyLibrary;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientConfig;

/**
 * Decides once per built request whether it goes to a provider; if so, its exchanges are gated
 * (see {@link GatedConnect}). A request to any other host keeps the client's own {@code Mono}
 * untouched: it costs one look-up of the host, read in place in its URI string, when it is
 * built (nothing allocated), and nothing per exchange.
 */
public final class ReactorNettyAdapter implements ReactorNettyLibrary {

    @Override
    @SuppressWarnings("unchecked")
    public Object connect(Gate gate, Object client, Object connect) {
        if (!(client instanceof HttpClient) || !(connect instanceof Mono)) {
            return connect;
        }
        HttpClientConfig config = ((HttpClient) client).configuration();
        if (!RequestTarget.mayBeGated(gate, config)) {
            return connect;
        }
        RequestTarget target = RequestTarget.of(config);
        if (target == null || !target.gates(gate)) {
            return connect;
        }
        return GatedConnect.of((Mono<Connection>) connect, gate, target);
    }
}
