/**
 * The only classes of Turnstile that an application can see: the launcher that {@code premain}
 * starts, the class loader that keeps the rest of the agent out of the application's sight, and
 * the bridges through which instrumented library code reaches the agent.
 *
 * <p>These classes are appended to the bootstrap class path, so they may use only
 * {@code java.base}: library types (HTTP clients, even {@code java.net.http}) travel as
 * {@link java.lang.Object}. Keep this package tiny.
 */
package dev.turnstile.bootstrap;
