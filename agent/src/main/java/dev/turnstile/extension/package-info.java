/**
 * What a client family implements and uses, and nothing else: {@link
 * dev.turnstile.extension.ClientInstrumentation} (listed in
 * {@code META-INF/services/dev.turnstile.extension.ClientInstrumentation}, the one place a family
 * is registered), the {@link dev.turnstile.extension.AdvicePlan} it fills with the classes and
 * methods to change, the {@link dev.turnstile.extension.SupportedLibrary} versions and shape
 * checked before any of them is changed, the {@link dev.turnstile.extension.HelperLoader} and
 * {@link dev.turnstile.extension.LibraryHelper} that define its library-facing helpers next to
 * the library, and the {@link dev.turnstile.extension.BlockingClientLibrary} a blocking client
 * gives the shared blocking door. See {@code agent/README.md}, "How to add a client".
 *
 * <p>May import {@code java.*}, {@code dev.turnstile.http}, {@code dev.turnstile.log} and Byte
 * Buddy's matchers; never the agent's start-up code or a client family.
 */
package dev.turnstile.extension;
