/**
 * The Micrometer binder, defined next to the application's Micrometer (never in the agent's own
 * loader), which registers Turnstile's meters on the global registry. It reads every value from
 * Turnstile's MBeans on the platform MBeanServer.
 */
package dev.turnstile.micrometer.library;
