/**
 * Gates Jetty's {@code HttpClient} 12: one slot per conversation (a request with the redirects
 * and authentication retries Jetty makes for it), taken as its first request is sent and held
 * until the last response completes. A request that must wait is sent when its slot is granted,
 * on the client's executor, so neither the caller of {@code send(listener)} nor a Jetty thread
 * ever waits; an abort while it waits withdraws it. Every response head reaches the gate, so a
 * 429 pauses the provider. This package never touches Jetty's types: the hooks behind its
 * bootstrap bridge reach them through an interface implemented in {@code jetty.library}.
 *
 * <p>Like every client package it may import {@code java.*}, the {@code http}, {@code log} and
 * extension API packages, its bridge in {@code bootstrap} and Byte Buddy's advice and matchers;
 * never another client package, and never its own {@code .library} package.
 */
package dev.turnstile.jetty;
