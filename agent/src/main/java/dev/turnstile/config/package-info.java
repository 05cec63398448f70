/**
 * Turnstile's configuration: immutable value objects ({@link dev.turnstile.config.TurnstileConfig},
 * {@link dev.turnstile.config.ProviderConfig}, …) and the {@link dev.turnstile.config.ConfigLoader} that
 * builds one from agent arguments, system properties, the environment and a properties file.
 *
 * <p>Every value object validates on construction and on each {@code with…} copy, throwing
 * {@link java.lang.IllegalArgumentException} with a message that names the bad value and what was
 * expected. The loader never throws: each bad key becomes one problem sentence and keeps its default.
 *
 * <p>It may import {@code java.*} and, for the longest duration the scheduler can count, {@code core};
 * nothing of HTTP, JMX or Byte Buddy, and no logging: problems are returned, the caller logs them.
 */
package dev.turnstile.config;
