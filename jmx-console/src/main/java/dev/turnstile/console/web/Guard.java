package dev.turnstile.console.web;

import com.sun.net.httpserver.Headers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;

/**
 * Who may read and who may change. Reads need only a plausible {@code Host} (when bound to
 * loopback, a loopback name: a DNS-rebinding page gets nothing). Changes also need the token in
 * {@code X-Turnstile-Token}, a JSON body, and no foreign {@code Origin} or {@code Sec-Fetch-Site}.
 * A page on another origin cannot send the header without a CORS preflight that this server never
 * allows, and it never learns the token: the server never sends it.
 */
final class Guard {

    static final String TOKEN_HEADER = "X-Turnstile-Token";

    /** Why a request was refused: an HTTP status and one line. */
    record Refusal(int status, String message) {
    }

    private final byte[] token;
    private final boolean loopbackOnly;
    private final int port;

    Guard(String token, boolean loopbackOnly, int port) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.loopbackOnly = loopbackOnly;
        this.port = port;
    }

    Refusal checkRead(Headers headers) {
        String host = headers.getFirst("Host");
        if (host == null) {
            return new Refusal(400, "a Host header is needed");
        }
        if (loopbackOnly && !loopbackHosts().contains(host.toLowerCase(Locale.ROOT))) {
            return new Refusal(403, "host '" + host + "' is not this console's loopback address");
        }
        return null;
    }

    Refusal checkWrite(Headers headers) {
        Refusal read = checkRead(headers);
        if (read != null) {
            return read;
        }
        String origin = headers.getFirst("Origin");
        if (origin != null && !origin.equalsIgnoreCase("http://" + headers.getFirst("Host"))) {
            return new Refusal(403, "changes from another origin (" + origin + ") are refused");
        }
        String site = headers.getFirst("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return new Refusal(403, "changes from another site are refused (Sec-Fetch-Site: " + site + ")");
        }
        String given = headers.getFirst(TOKEN_HEADER);
        if (given == null || given.isEmpty()) {
            return new Refusal(401, "a change needs the console's token in the " + TOKEN_HEADER + " header");
        }
        if (!MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            return new Refusal(401, "wrong token in the " + TOKEN_HEADER + " header");
        }
        String type = headers.getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return new Refusal(415, "a change needs a JSON body (Content-Type: application/json)");
        }
        return null;
    }

    private Set<String> loopbackHosts() {
        return Set.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port);
    }
}
