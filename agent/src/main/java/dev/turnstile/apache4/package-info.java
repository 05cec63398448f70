/**
 * Gates Apache HttpClient 4 (4.3 and later): the caller waits for its slot in the clients'
 * {@code doExecute}, on its own thread, and advice on httpcore's request executor reports every
 * attempt's status, so a 429 the client retries still pauses the provider. This package never
 * touches the library's types: the hooks behind its bootstrap bridge reach them through an
 * interface implemented in {@code apache4.library}, found by name next to the application's
 * HttpClient.
 *
 * <p>Like every client package it may import {@code java.*}, the {@code http}, {@code log} and
 * extension API packages, its bridge in {@code bootstrap} and Byte Buddy's advice and matchers;
 * never another client package, and never its own {@code .library} package.
 */
package dev.turnstile.apache4;
