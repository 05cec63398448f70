/**
 * Provider limits shared by several JVMs through Redis (issue 15, first layer): the Lua scripts
 * that keep the slots, queues, leases and pauses of a namespace in Redis, with Redis {@code TIME}
 * as the one clock, and the Java layer that loads and calls them through Jedis (shaded under
 * {@code dev.turnstile.shaded.redis}). {@link dev.turnstile.redis.FleetSlots} is the door: one
 * method per script, each one round trip. {@link dev.turnstile.redis.GrantNotices} reads the grants
 * that other JVMs' releases handed to this one.
 *
 * <p>Nothing here is loaded unless {@code turnstile.redis.url} is set. Core knows nothing of it;
 * {@link dev.turnstile.redis.RedisSlotBackend} is the {@code SlotBackend} that drives these scripts
 * from the scheduler.
 */
package dev.turnstile.redis;
