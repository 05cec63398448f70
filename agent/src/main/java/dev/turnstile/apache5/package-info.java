/**
 * Gates Apache HttpClient 5. Classic calls wait for their slot in {@code doExecute}, on the
 * caller's thread; an async exchange that must wait is started when its slot is granted, so
 * nothing blocks. Per-attempt advice below the client's own retry lets every status reach the
 * gate, so a 429 the client retries still pauses the provider. This package never touches the
 * library's types: the hooks behind its bootstrap bridge reach them through interfaces implemented
 * in {@code apache5.library}, found by name next to the application's HttpClient.
 *
 * <p>Like every client package it may import {@code java.*}, the {@code http}, {@code log} and
 * extension API packages, its bridge in {@code bootstrap} and Byte Buddy's advice and matchers;
 * never another client package, and never its own {@code .library} package.
 */
package dev.turnstile.apache5;
