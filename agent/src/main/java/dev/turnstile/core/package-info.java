/**
 * The slot scheduler: who may call a provider now, who waits and in which order (oldest agent
 * turn first, then arrival), when a rate limit pauses a provider, and which slots the watchdog
 * takes back. {@link dev.turnstile.core.SlotScheduler} is the door (acquire, runtime changes,
 * snapshots); behind it each part has one job: {@code Calls} (a call from arrival to release),
 * {@code WaitingLine} (the queues and their timeouts), {@link dev.turnstile.core.SlotBackend} (the
 * asynchronous seam to the store of slots; {@code LocalSlotBackend} and its {@code Dispatcher} count
 * in this JVM), {@code Backpressure} (pauses and the limit in force, after the policies of
 * {@link dev.turnstile.core.pause} and {@link dev.turnstile.core.limit}), {@code Overload} (the
 * overload breaker's pause and probe) and {@code Watchdog} (max hold). All state changes happen under one lock ({@code SchedulerLock}), and what they decide is
 * told after it ({@code Outbox}).
 *
 * <p>Plain Java that can be used and tested on its own: it may import only {@code java.*} and its
 * own subpackages ({@code time}, {@code stats}, {@code limit}, {@code pause}), never HTTP, JMX,
 * configuration, logging or Byte Buddy. Time and delays come from {@code core.time}, injected, so
 * no behaviour needs a sleep to be tested.
 */
package dev.turnstile.core;
