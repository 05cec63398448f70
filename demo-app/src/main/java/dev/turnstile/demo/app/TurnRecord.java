package dev.turnstile.demo.app;

/**
 * One finished turn: whose, on which stack, how long from task to last answer, and what it cost.
 *
 * @param calls successful calls
 * @param rateLimited 429 answers this turn received
 * @param errors calls that failed with an exception
 * @param ok every call of the turn was answered
 */
public record TurnRecord(int agent, String stack, int turn, long millis, int calls, int rateLimited, int errors,
                         boolean ok) {
}
