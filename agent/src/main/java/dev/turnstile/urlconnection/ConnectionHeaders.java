package dev.turnstile.urlconnection;

import dev.turnstile.http.HeaderLookup;

import java.net.HttpURLConnection;

/**
 * A connection's request or response headers as a {@link HeaderLookup}. A class rather than a
 * method reference: the first gated call does not pay for bootstrapping a lambda.
 */
final class ConnectionHeaders implements HeaderLookup {

    private final HttpURLConnection connection;
    private final boolean response;

    private ConnectionHeaders(HttpURLConnection connection, boolean response) {
        this.connection = connection;
        this.response = response;
    }

    /** Request headers; read before the connection connects (the JDK refuses after). */
    static HeaderLookup request(HttpURLConnection connection) {
        return new ConnectionHeaders(connection, false);
    }

    static HeaderLookup response(HttpURLConnection connection) {
        return new ConnectionHeaders(connection, true);
    }

    @Override
    public String get(String name) {
        return response ? connection.getHeaderField(name) : connection.getRequestProperty(name);
    }
}
