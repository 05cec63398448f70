/**
 * The slot scheduler: who may call a provider now, who waits and in which order (oldest agent
 * turn first, then arrival), when a rate limit pauses a provider, and which slots the watchdog
 * takes back. A caller gets a permit, blocking or as a future, and ends it once with the call's
 * outcome; snapshots give every number at one instant.
 *
 * <p>Plain Java that can be used and tested on its own: it may import only {@code java.*} and its
 * own subpackages, never HTTP, JMX, configuration, logging or Byte Buddy. Time and delays come
 * from {@code core.time}, injected, so no behaviour needs a sleep to be tested.
 */
package dev.turnstile.core;
