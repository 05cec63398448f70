package dev.turnstile.it.apps;

import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;

/**
 * {@link ReactorNettyTestClient} speaking only HTTP/2 over TLS (h2, by ALPN), trusting the test
 * provider's self-signed certificate.
 */
public final class ReactorNettyH2TestClient extends ReactorNettyTestClient {

    @Override
    protected HttpClient protocol(HttpClient client) {
        return client.protocol(HttpProtocol.H2).secure(spec -> spec.sslContext(Http2SslContextSpec.forClient()
                .configure(builder -> builder.trustManager(InsecureTrustManagerFactory.INSTANCE))));
    }
}
