/**
 * Gates Vert.x's {@code HttpClient} 5 (and the {@code WebClient} over it).
 * A request's head waits for its slot without blocking the event loop: the write is deferred and
 * made on the request's context once the slot is granted; a reset while it waits withdraws it.
 * Each response head reports its status (redirects are attempts of their own); the response's end
 * or any failure of the request ends the call. This package never touches the library's types:
 * the hooks behind its bootstrap bridge reach them through {@link dev.turnstile.vertx.VertxLibrary},
 * implemented in {@code vertx.library}, found by name next to the application's Vert.x.
 *
 * <p>Like every client package it may import {@code java.*}, the {@code http}, {@code log} and
 * extension API packages, its bridge in {@code bootstrap} and Byte Buddy's advice and matchers;
 * never another client package, and never its own {@code .library} package.
 */
package dev.turnstile.vertx;
