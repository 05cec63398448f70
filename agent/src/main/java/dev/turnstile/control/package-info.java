/**
 * The running configuration and its changes: translates the configuration into the scheduler's
 * settings, applies runtime changes (from JMX or the console) whole, validated first, to the
 * scheduler and the gate's rules, and, with {@code turnstile.persist}, writes each change back to
 * the configuration file.
 *
 * <p>It may import {@code java.*}, {@code config}, {@code core}, {@code http} (the gate whose rules
 * it swaps) and {@code log}; never {@code jmx} or a client package.
 */
package dev.turnstile.control;
