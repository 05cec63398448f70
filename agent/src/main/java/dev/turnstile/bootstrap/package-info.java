/**
 * The only classes of Turnstile that an application can see: the launcher that {@code premain}
 * starts, the class loader that keeps the rest of the agent out of the application's sight, and
 * the bridges through which instrumented library code reaches the agent.
 *
 * <p>These classes are defined in the bootstrap class loader, so they may use only {@code java.base}
 * (and {@code java.lang.instrument}, whose {@code Instrumentation} the launcher receives): library
 * types (HTTP clients, even {@code java.net.http}) travel as {@link java.lang.Object}. They import
 * no other Turnstile package; the agent proper is started by name inside its own class loader.
 * Keep this package tiny.
 */
package dev.turnstile.bootstrap;
