/**
 * The one door for every client that runs a whole call on its caller's thread (Apache
 * HttpClient 4 and 5 classic, and the next such client): an advice pair inlined into the client's
 * execute and per-attempt methods, which call {@code dev.turnstile.bootstrap.BlockingClientBridge},
 * and the hooks behind that bridge, which wait for the slot, report every attempt's status, and
 * hand the response back with its body ending the call. A family reaches it through
 * {@code AdvicePlan.blockingClient} and its own {@code BlockingClientLibrary}; it never names a family.
 *
 * <p>May import {@code java.*}, {@code dev.turnstile.bootstrap}, {@code dev.turnstile.extension},
 * {@code dev.turnstile.http}, {@code dev.turnstile.log} and Byte Buddy's advice annotations.
 */
package dev.turnstile.blocking;
