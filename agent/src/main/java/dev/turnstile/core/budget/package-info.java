/**
 * How many calls and tokens a provider may start per minute when it enforces a budget without
 * saying so in its headers ({@code providers.<id>.rpm}, {@code providers.<id>.tpm}). A
 * {@link dev.turnstile.core.budget.WindowBudget} remembers what started in the last
 * {@value dev.turnstile.core.budget.WindowBudget#WINDOW_SECONDS} seconds (a sliding window, as
 * providers count), says whether the next call fits, and when it will.
 *
 * <p>Plain state: no clock, no timer, no lock of its own. The scheduler in {@code dev.turnstile.core}
 * calls it under its lock, passes the time in, and arms the timer that wakes a line the budget
 * holds. Imports only {@code java.*}.
 */
package dev.turnstile.core.budget;
