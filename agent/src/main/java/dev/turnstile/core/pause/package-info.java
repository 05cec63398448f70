/**
 * When a provider's queue stops and for how long: the pause and backoff rules of the backpressure
 * contract. A {@link dev.turnstile.core.pause.PausePolicy} turns a rate limit into a pause (the
 * provider's hint, else exponential backoff with equal jitter), never shortens a running pause, and
 * knows when a backoff episode ends. An {@link dev.turnstile.core.pause.OverloadBreaker} turns
 * overload failures in a row (502, 503, 504, unreachable; never a rate limit) into a pause, then lets
 * one probe decide whether calls flow again.
 *
 * <p>Plain state: no clock, no timer, no lock of its own. The scheduler in {@code dev.turnstile.core}
 * calls it under its lock, passes the time in, and arms the timer that ends a pause. Imports only
 * {@code java.*}.
 */
package dev.turnstile.core.pause;
