/**
 * The running configuration and its changes: translates it into the scheduler's settings, and
 * applies runtime changes (from JMX or the console) whole, validated first.
 */
package dev.turnstile.control;
