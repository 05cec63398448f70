package dev.turnstile.console.model;

/** One row of the {@code Agents} attribute: an agent's calls to one provider in its current turn. */
public record AgentRow(
        String agent,
        String provider,
        long turnStartMillis,
        long turnAgeMillis,
        long turnCalls,
        int inFlight,
        int queued) {
}
