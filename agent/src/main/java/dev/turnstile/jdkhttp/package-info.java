/**
 * Gates the JDK's {@code java.net.http.HttpClient}: one advice where {@code send} and both
 * {@code sendAsync} meet, and behind its bootstrap bridge the hooks that wrap the body handler
 * (status and headers feed the gate, the body's end releases the slot) and, for a call that must
 * wait, return a future that starts the exchange when the slot is granted, so no thread blocks.
 * The JDK's types are visible to the agent's loader, so there is no {@code .library} package.
 *
 * <p>Like every client package it may import {@code java.*}, the {@code http}, {@code log} and
 * extension API packages, its bridge in {@code bootstrap} and Byte Buddy's advice and matchers;
 * never another client package.
 */
package dev.turnstile.jdkhttp;
