package dev.turnstile.it.apps;

import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;

/** {@link VertxTestClient} speaking only cleartext HTTP/2 with prior knowledge (h2c, no upgrade). */
public final class VertxH2cTestClient extends VertxTestClient {

    @Override
    protected HttpClientOptions protocol(HttpClientOptions options) {
        return options.setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false);
    }
}
