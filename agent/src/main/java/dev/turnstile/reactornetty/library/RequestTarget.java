package dev.turnstile.reactornetty.library;

import dev.turnstile.http.Gate;
import dev.turnstile.http.GatedCall;
import io.netty.handler.codec.http.HttpHeaders;
import reactor.netty.http.client.HttpClientConfig;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where a request built on a Reactor Netty {@code HttpClient} goes, read from its configuration
 * before anything is sent: method, the URI (resolved against the {@code baseUrl}) and the headers
 * set on the client, which an agent header may be among (headers the application adds in
 * {@code send}, as Spring's {@code WebClient} does, come too late for the gate).
 */
final class RequestTarget {

    private final String method;
    private final URI uri;
    private final HttpHeaders headers;

    private RequestTarget(String method, URI uri, HttpHeaders headers) {
        this.method = method;
        this.uri = uri;
        this.headers = headers;
    }

    /**
     * False when {@code config}'s request cannot be gated: its host, read from the URI (or the
     * {@code baseUrl} it is relative to) without resolving or parsing it, is no provider's. So a
     * request to any other host costs one substring and one look-up, not {@link #of}'s URI parse.
     */
    static boolean mayBeGated(Gate gate, HttpClientConfig config) {
        String uri = config.uri();
        if (uri == null) {
            return false; // of() would not know the host either
        }
        String absolute = hasScheme(uri) ? uri : config.baseUrl();
        String host = absolute == null ? null : hostOf(absolute);
        return host != null && gate.mayGate(host);
    }

    /**
     * The host of an absolute URI as {@link URI#getHost()} gives it (an IPv6 address keeps its
     * brackets), found by scanning the authority; null when there is none.
     */
    static String hostOf(String uri) {
        int start = uri.indexOf("://");
        if (start < 0) {
            return null;
        }
        start += 3;
        int end = start;
        while (end < uri.length() && "/?#".indexOf(uri.charAt(end)) < 0) {
            end++;
        }
        int at = uri.lastIndexOf('@', end - 1);
        if (at >= start) {
            start = at + 1; // user information is not the host
        }
        if (start < end && uri.charAt(start) == '[') {
            int close = uri.indexOf(']', start);
            return close < 0 || close >= end ? null : uri.substring(start, close + 1);
        }
        int colon = uri.indexOf(':', start);
        if (colon >= 0 && colon < end) {
            end = colon;
        }
        return start < end ? uri.substring(start, end) : null;
    }

    /** The target of {@code config}'s request, or null when its host is not known yet. */
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
        try {
            URI parsed = new URI(uri);
            return parsed.getHost() == null ? null
                    : new RequestTarget(config.method().name(), parsed, config.headers());
        } catch (URISyntaxException e) {
            return null; // the client reports it itself when it connects
        }
    }

    /** A gated call for this request, on the calling thread; null when Turnstile leaves it alone. */
    GatedCall open(Gate gate) {
        if (!gate.mayGate(uri.getHost())) {
            return null;
        }
        return gate.open(method, uri.getScheme(), uri.getHost(), uri.getPort(), path(), headers::get);
    }

    /** Whether {@link #open} would gate this request now; opens no call. */
    boolean gates(Gate gate) {
        return gate.mayGate(uri.getHost()) && gate.gates(method, uri.getScheme(), uri.getHost(), uri.getPort(), path());
    }

    private String path() {
        String path = uri.getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
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
