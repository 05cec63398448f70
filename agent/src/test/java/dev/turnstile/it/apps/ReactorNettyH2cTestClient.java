package dev.turnstile.it.apps;

import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;

/** {@link ReactorNettyTestClient} speaking only cleartext HTTP/2 with prior knowledge (h2c). */
public final class ReactorNettyH2cTestClient extends ReactorNettyTestClient {

    @Override
    protected HttpClient protocol(HttpClient client) {
        return client.protocol(HttpProtocol.H2C);
    }
}
