package dev.turnstile.core;

/**
 * A queued call asking a {@link SlotBackend} for its slots. Tickets are served oldest turn first,
 * then in order of arrival; a ticket is granted at most once. The scheduler makes one for each call
 * that cannot start at once (the uncontended path makes none).
 */
public interface SlotTicket {

    /** The provider whose slot (and, under a global limit, a global slot) the call needs. */
    String providerId();

    /** When the calling agent's turn began, in epoch millis: the first key of the order. */
    long turnStartMillis();

    /** The scheduler's arrival counter: the second key of the order, unique per scheduler. */
    long sequence();
}
