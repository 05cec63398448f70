/**
 * Notices traffic that slips past the gates: advice on the JDK's TCP connect (blocking sockets
 * and NIO channels) hands each connection's host to {@code http.UngatedConnections}, which counts
 * and reports, once per provider and calling stack, a connection to a provider's host with no
 * gated call behind it (judged after a short grace, off the connect path). Gates nothing; a host that is no provider's costs one routing lookup.
 *
 * <p>Like every client package it may import {@code java.*}, the {@code http}, {@code log} and
 * extension API packages, its bridge in {@code bootstrap} and Byte Buddy's advice and matchers;
 * never another client package.
 */
package dev.turnstile.sockets;
