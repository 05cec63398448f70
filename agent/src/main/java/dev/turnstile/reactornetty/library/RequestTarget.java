package dev.turnstile.reactornetty.library;

import dev.turnstile.http.AbsoluteUri;
import dev.turnstile.http.Gate;
import dev.turnstile.http.GatedCall;
import io.netty.handler.codec.http.HttpHeaders;
import reactor.netty.http.client.HttpClientConfig;

import java.net.URI;

/**
 * Where a request built on a Reactor Netty {@code HttpClient} goes, read from its configuration
 * before anything is sent: method, the URI (resolved against the {@code baseUrl}) and the headers
 * set on the client, which an agent header may be among (headers the application adds in
 * {@code send}, as Spring's {@code WebClient} does, come too late for the gate).
 */
final class RequestTarget {

    private final String method;
    private final String scheme;
    private final String host;
    private final int port;
    private final String path;
    private final HttpHeaders headers;

    private RequestTarget(String method, String scheme, String host, int port, String path, HttpHeaders headers) {
        this.method = method;
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.path = path;
        this.headers = headers;
    }

    /**
     * False when {@code config}'s request cannot be gated: its host, read in place from the URI
     * (or the {@code baseUrl} it is relative to) without resolving or parsing it, is no provider's.
     * So a request to any other host costs one look-up and allocates nothing, not {@link #of}'s scan.
     */
    static boolean mayBeGated(Gate gate, HttpClientConfig config) {
        String uri = config.uri();
        if (uri == null) {
            return false; // of() would not know the host either
        }
        return gate.mayGateHostOf(hasScheme(uri) ? uri : config.baseUrl());
    }

    /**
     * The target of {@code config}'s request, or null when its host is not known yet. Its parts
     * are scanned, not parsed into a {@link URI}: this runs for every request built to a provider.
     */
    static RequestTarget of(HttpClientConfig config) {
        String uri = config.uri();
        if (uri == null) {
            return null; // uri(Mono<String>): resolved only once the exchange runs
        }
        if (!hasScheme(uri)) {
            String base = config.baseUrl();
            if (base == null || !hasScheme(base)) {
                return null; // a relative URI on a host given as a socket address
            }
            uri = join(base, uri);
        }
        String host = AbsoluteUri.hostOf(uri);
        if (host == null) {
            return null;
        }
        String path = AbsoluteUri.pathOf(uri);
        return new RequestTarget(config.method().name(), uri.substring(0, uri.indexOf("://")), host, AbsoluteUri.portOf(uri),
                path.isEmpty() ? "/" : path, config.headers());
    }

    /** A gated call for this request, on the calling thread; null when Turnstile leaves it alone. */
    GatedCall open(Gate gate) {
        if (!gate.mayGate(host)) {
            return null;
        }
        return gate.open(method, scheme, host, port, path, headers::get);
    }

    /** Whether {@link #open} would gate this request now; opens no call. */
    boolean gates(Gate gate) {
        return gate.mayGate(host) && gate.gates(method, scheme, host, port, path);
    }

    private static boolean hasScheme(String uri) {
        int colon = uri.indexOf("://");
        return colon > 0 && uri.indexOf('/') > colon;
    }

    private static String join(String base, String relative) {
        boolean slashBefore = base.endsWith("/");
        boolean slashAfter = relative.startsWith("/");
        if (slashBefore && slashAfter) {
            return base + relative.substring(1);
        }
        return slashBefore || slashAfter || relative.isEmpty() ? base + relative : base + "/" + relative;
    }
}
