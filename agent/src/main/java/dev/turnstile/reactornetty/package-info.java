/**
 * Gates Reactor Netty's {@code HttpClient} (and Spring's {@code WebClient} over it) without ever
 * blocking an event loop: the {@code Mono} that makes each exchange is wrapped so that each
 * subscription waits for its slot first, and holds it until the response's last content,
 * an error, a cancel or the connection's close. This package never touches the library's types:
 * the hooks behind its bootstrap bridge reach them through {@link
 * dev.turnstile.reactornetty.ReactorNettyLibrary}, implemented in {@code reactornetty.library}.
 *
 * <p>Like every client package it may import {@code java.*}, the {@code http}, {@code log} and
 * extension API packages, its bridge in {@code bootstrap} and Byte Buddy's advice and matchers;
 * never another client package, and never its own {@code .library} package.
 */
package dev.turnstile.reactornetty;
