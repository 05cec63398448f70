package dev.turnstile.it.apps;

import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;

/**
 * {@link VertxTestClient} speaking only HTTP/2 over TLS (h2, by ALPN), trusting the test
 * provider's self-signed certificate.
 */
public final class VertxH2TestClient extends VertxTestClient {

    @Override
    protected HttpClientOptions protocol(HttpClientOptions options) {
        return options.setProtocolVersion(HttpVersion.HTTP_2).setSsl(true).setUseAlpn(true)
                .setTrustAll(true).setVerifyHost(false);
    }
}
