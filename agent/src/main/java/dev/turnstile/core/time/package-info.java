/**
 * Time as the scheduler sees it: a source of now and a one-shot timer, both injected, so tests
 * move a clock by hand; the production ones read the JVM's clocks and run on one daemon thread,
 * so they never keep the application alive. May import only {@code java.*}.
 */
package dev.turnstile.core.time;
