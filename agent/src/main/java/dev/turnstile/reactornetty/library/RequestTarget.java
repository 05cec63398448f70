package dev.turnstile.reactornetty.library;

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
     * False when {@code config}'s request cannot be gated: its host, read from the URI (or the
     * {@code baseUrl} it is relative to) without resolving or parsing it, is no provider's. So a
     * request to any other host costs one substring and one look-up, not {@link #of}'s scan.
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
        int start = hostStart(uri);
        if (start < 0) {
            return null;
        }
        int end = hostEnd(uri, start);
        return end < 0 ? null : uri.substring(start, end);
    }

    /** The port of an absolute URI as {@link URI#getPort()} gives it: -1 when it names none. */
    static int portOf(String uri) {
        int start = hostStart(uri);
        int end = start < 0 ? -1 : hostEnd(uri, start);
        if (end < 0 || end >= uri.length() || uri.charAt(end) != ':') {
            return -1;
        }
        int port = 0;
        int digits = 0;
        for (int i = end + 1; i < uri.length() && "/?#".indexOf(uri.charAt(i)) < 0; i++, digits++) {
            char c = uri.charAt(i);
            if (c < '0' || c > '9' || digits == 5) {
                return -1;
            }
            port = port * 10 + (c - '0');
        }
        return digits == 0 ? -1 : port;
    }

    /** The path of an absolute URI as {@link URI#getRawPath()} gives it: "" when it has none. */
    static String pathOf(String uri) {
        int start = uri.indexOf("://");
        if (start < 0) {
            return "";
        }
        int pathStart = authorityEnd(uri, start + 3);
        if (pathStart >= uri.length() || uri.charAt(pathStart) != '/') {
            return "";
        }
        int pathEnd = pathStart;
        while (pathEnd < uri.length() && uri.charAt(pathEnd) != '?' && uri.charAt(pathEnd) != '#') {
            pathEnd++;
        }
        return uri.substring(pathStart, pathEnd);
    }

    /** Where the host begins (after the user information), or -1 without an authority. */
    private static int hostStart(String uri) {
        int start = uri.indexOf("://");
        if (start < 0) {
            return -1;
        }
        start += 3;
        int at = uri.lastIndexOf('@', authorityEnd(uri, start) - 1);
        return at >= start ? at + 1 : start; // user information is not the host
    }

    /** Where the host ends (a port's colon, or the authority's end), or -1 when there is no host. */
    private static int hostEnd(String uri, int start) {
        int end = authorityEnd(uri, start);
        if (start < end && uri.charAt(start) == '[') {
            int close = uri.indexOf(']', start);
            return close < 0 || close >= end ? -1 : close + 1;
        }
        int colon = uri.indexOf(':', start);
        if (colon >= 0 && colon < end) {
            end = colon;
        }
        return start < end ? end : -1;
    }

    private static int authorityEnd(String uri, int start) {
        int end = start;
        while (end < uri.length() && "/?#".indexOf(uri.charAt(end)) < 0) {
            end++;
        }
        return end;
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
        String host = hostOf(uri);
        if (host == null) {
            return null;
        }
        String path = pathOf(uri);
        return new RequestTarget(config.method().name(), uri.substring(0, uri.indexOf("://")), host, portOf(uri),
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
