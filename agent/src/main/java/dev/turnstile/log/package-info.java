/**
 * The agent's own logging: SLF4J's simple logger, relocated into the agent jar and writing to
 * standard error, so the application's logging set-up is never touched; and the fail-open
 * reporter, which logs an internal error once per place while the call goes on ungated.
 *
 * <p>It may import {@code java.*} and SLF4J only; every other package except {@code core},
 * {@code config} and {@code bootstrap} may use it.
 */
package dev.turnstile.log;
