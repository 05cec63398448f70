/**
 * Turnstile as MXBeans on the platform MBeanServer: {@code dev.turnstile:type=Turnstile} and one
 * {@code type=Provider} bean per provider, with descriptions and real parameter names, and the
 * scheduler's events as notifications. Open types only, so JConsole, Jolokia and the console need
 * no Turnstile class. Reads come from the scheduler's snapshots; every write goes through
 * {@code control}, validated whole.
 *
 * <p>It may import {@code java.*}, {@code javax.management}, {@code core}, {@code config},
 * {@code control} and {@code log}; never {@code http} or a client package.
 */
package dev.turnstile.jmx;
