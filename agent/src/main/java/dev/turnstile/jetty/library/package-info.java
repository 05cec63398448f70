/**
 * The Jetty side of gating, written against Jetty 12's own types: the conversation's gated call,
 * the complete listener that releases its slot, and the send of a request once its slot is
 * granted, so no Jetty thread and no caller of {@code send(listener)} ever waits.
 *
 * <p>The helper loader defines these classes next to the library (one copy per Jetty class
 * loader), so nothing is added to the application's loader. They may import Jetty,
 * {@code java.*}, {@code http}, {@code log} and the interfaces of {@code dev.turnstile.jetty};
 * never Byte Buddy or another client package.
 */
package dev.turnstile.jetty.library;
