/**
 * What every HTTP client family shares, whatever its library: the gate that decides whether a
 * request is gated (enabled, provider host, method, path), the gated call that carries one call
 * from waiting for its slot to the end of its response body and releases the slot once, and the
 * reading of agent keys, turn starts and rate-limit headers; the release-once body stream, the
 * reclaiming of bodies dropped unclosed, and the list of secret headers that are never shown.
 *
 * <p>It knows no client library: requests and responses come in as plain values and small
 * look-up interfaces. It may import {@code java.*}, {@code core}, {@code config} and {@code log};
 * never a client package, a client library, Byte Buddy or JMX.
 */
package dev.turnstile.http;
