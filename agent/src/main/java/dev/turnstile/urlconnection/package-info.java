/**
 * Gates {@code java.net.HttpURLConnection}, http and https: advice inlined into the JDK's
 * implementation class where every way to connect meets (the slot is taken there, blocking the
 * caller), in the outermost {@code getInputStream} (the response is reported and the body wrapped
 * so that its end or close releases the slot; a 4xx/5xx, for which it throws, ends the call
 * there), and in {@code disconnect} and the failing paths. What is known of each connection lives in a weak identity map, so a
 * connection is never kept alive. The JDK's types are visible to the agent's loader, so there is
 * no {@code .library} package.
 *
 * <p>Like every client package it may import {@code java.*}, the {@code http}, {@code log} and
 * extension API packages, its bridge in {@code bootstrap} and Byte Buddy's advice and matchers;
 * never another client package.
 */
package dev.turnstile.urlconnection;
