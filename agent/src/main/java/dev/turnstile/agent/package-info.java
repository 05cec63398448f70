/**
 * Start-up of the agent proper, inside the agent's own class loader: reads the configuration,
 * builds the scheduler and the gate, wires runtime control, persistence and the MBeans, and
 * installs the client families' advice (one transformer for the classes still to load, a
 * retransformation of those already loaded). Whatever fails here, the application starts and
 * the agent stays inactive; nothing here logs while a class is being transformed.
 *
 * <p>It may import any Turnstile package, Byte Buddy and SLF4J. Nothing depends on it: the
 * bootstrap launcher starts it by name, and client families implement the extension API, not
 * start-up code.
 */
package dev.turnstile.agent;
