/**
 * The Reactor Netty side of gating, written against the library's own types: reading the
 * request from the client's configuration, the {@code Mono} that waits for the slot before it
 * connects, and the response's end (its trailer headers, or the exchange's termination) that
 * ends the call.
 *
 * <p>The helper loader defines these classes next to the library (one copy per Reactor Netty
 * class loader), so nothing is added to the application's loader. They may import Reactor Netty,
 * Reactor Core and Netty, {@code java.*}, {@code http}, {@code log} and the interfaces of
 * {@code dev.turnstile.reactornetty}; never Byte Buddy or another client package.
 */
package dev.turnstile.reactornetty.library;
