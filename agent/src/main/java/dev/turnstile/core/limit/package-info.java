/**
 * How many calls a provider may have in flight: the limit algorithms. A {@link
 * dev.turnstile.core.limit.LimitPolicy} hears what the scheduler sees (rate limits, successes with
 * their latency, quiet periods, the limit an operator sets) and answers the limit in force, never
 * above the operator's. {@link dev.turnstile.core.limit.AimdLimit} is the scheduler's algorithm;
 * {@link dev.turnstile.core.limit.AdaptiveLimit} (the former −1/+1) stays as the bench's baseline;
 * others (a gradient on latency) plug in through {@link dev.turnstile.core.limit.LimitPolicy.Factory}.
 *
 * <p>Plain state machines: no clock, no timer, no lock of their own. The scheduler in
 * {@code dev.turnstile.core} calls them under its lock, passes the time in, and arms the timers
 * they ask for. Imports only {@code java.*}.
 */
package dev.turnstile.core.limit;
