/**
 * The statistics the scheduler keeps per provider: a compact latency histogram behind the wait
 * and hold percentiles since start or reset, and a sliding window of them (a ring of histograms)
 * behind the last-minute percentiles. Not thread-safe; its owner guards it. May import only
 * {@code java.*}.
 */
package dev.turnstile.core.stats;
