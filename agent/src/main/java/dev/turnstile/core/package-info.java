/**
 * The scheduler core: who may call a provider now, who waits, in which order, and what happens when a
 * provider pushes back. {@link dev.turnstile.core.SlotScheduler} is the door (acquire, runtime changes,
 * snapshots); behind it each part has one job: {@code Calls} (a call from arrival to release),
 * {@code WaitingLine} (the queues and their timeouts), {@link dev.turnstile.core.SlotBackend} (the
 * asynchronous seam to the store of slots; {@code LocalSlotBackend} and its {@code Dispatcher} count in
 * this JVM), {@code Backpressure} (pauses and the limit in force, after the policies of
 * {@link dev.turnstile.core.pause} and {@link dev.turnstile.core.limit}) and {@code Watchdog} (max hold).
 * All state changes happen under one lock ({@code SchedulerLock}), and what they decide is told after it
 * ({@code Outbox}).
 *
 * <p>Knows nothing of HTTP, JMX or bytecode: imports only {@code java.*} and its own subpackages
 * ({@code time}, {@code stats}, {@code limit}, {@code pause}).
 */
package dev.turnstile.core;
