package dev.turnstile.http;

import java.net.URI;

/**
 * The host, port and path of an absolute URI string, found by scanning it as {@link URI} would
 * parse it, without parsing: clients that hold their request's target as a string (Reactor
 * Netty's configuration, Vert.x's {@code absoluteURI()}) ask it for every request they build.
 */
public final class AbsoluteUri {

    private AbsoluteUri() {
    }

    /**
     * The host of an absolute URI as {@link URI#getHost()} gives it (an IPv6 address keeps its
     * brackets), found by scanning the authority; null when there is none.
     */
    public static String hostOf(String uri) {
        int start = hostStart(uri);
        if (start < 0) {
            return null;
        }
        int end = hostEnd(uri, start);
        return end < 0 ? null : uri.substring(start, end);
    }

    /** The port of an absolute URI as {@link URI#getPort()} gives it: -1 when it names none. */
    public static int portOf(String uri) {
        int start = hostStart(uri);
        int end = start < 0 ? -1 : hostEnd(uri, start);
        if (end < 0 || end >= uri.length() || uri.charAt(end) != ':') {
            return -1;
        }
        int port = 0;
        int digits = 0;
        for (int i = end + 1; i < uri.length() && !endsAuthority(uri.charAt(i)); i++, digits++) {
            char c = uri.charAt(i);
            if (c < '0' || c > '9' || digits == 5) {
                return -1;
            }
            port = port * 10 + (c - '0');
        }
        return digits == 0 ? -1 : port;
    }

    /** The path of an absolute URI as {@link URI#getRawPath()} gives it: "" when it has none. */
    public static String pathOf(String uri) {
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
    static int hostStart(String uri) {
        int start = uri.indexOf("://");
        if (start < 0) {
            return -1;
        }
        start += 3;
        int at = uri.lastIndexOf('@', authorityEnd(uri, start) - 1);
        return at >= start ? at + 1 : start; // user information is not the host
    }

    /** Where the host ends (a port's colon, or the authority's end), or -1 when there is no host. */
    static int hostEnd(String uri, int start) {
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
        while (end < uri.length() && !endsAuthority(uri.charAt(end))) {
            end++;
        }
        return end;
    }

    /** Compared, not looked up in a string: this runs per character of every request's authority. */
    private static boolean endsAuthority(char c) {
        return c == '/' || c == '?' || c == '#';
    }
}
