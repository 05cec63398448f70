/**
 * Gates Vert.x's {@code HttpClient} 4.5 (and the {@code WebClient} over it, and so Quarkus 3's
 * REST clients). A request's head waits for its slot without blocking the event loop: the write
 * is skipped and made on the request's context once the slot is granted ({@code http.DeferredWrites});
 * a reset while it waits withdraws it. Each response head reports its status (redirects are
 * attempts of their own); the response's end or any failure of the request ends the call. This
 * package never touches the library's types: the hooks behind its bootstrap bridge reach them
 * through {@link dev.turnstile.vertx4.Vertx4Library}, implemented in {@code vertx4.library},
 * found by name next to the application's Vert.x.
 *
 * <p>Like every client package it may import {@code java.*}, the {@code http}, {@code log} and
 * extension API packages, its bridge in {@code bootstrap} and Byte Buddy's advice and matchers;
 * never another client package, and never its own {@code .library} package.
 */
package dev.turnstile.vertx4;
