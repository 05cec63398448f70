package dev.turnstile.config;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Who counts as one agent when waiting calls are ordered by turn: the calling thread, the value of a
 * request header, or nobody (plain first-come, first-served). Text forms: {@code thread},
 * {@code header:<Name>}, {@code none}.
 */
public final class AgentIdentity {

    /** The ways to tell agents apart. */
    public enum Kind {
        /** Each calling thread is one agent. */
        THREAD,
        /** Calls carrying the same value in a request header are one agent. */
        HEADER,
        /** No agents: waiters are served in arrival order. */
        NONE
    }

    static final String EXPECTED = "thread, none or header:<Name> (e.g. header:X-Agent-Id)";

    private static final String HEADER_PREFIX = "header:";
    private static final AgentIdentity THREAD = new AgentIdentity(Kind.THREAD, null);
    private static final AgentIdentity NONE = new AgentIdentity(Kind.NONE, null);

    private final Kind kind;
    private final String headerName; // null unless kind is HEADER

    private AgentIdentity(Kind kind, String headerName) {
        this.kind = kind;
        this.headerName = headerName;
    }

    /** Each calling thread is one agent (the default). */
    public static AgentIdentity thread() {
        return THREAD;
    }

    /** No agents: plain FIFO. */
    public static AgentIdentity none() {
        return NONE;
    }

    /**
     * Calls with the same value of this request header are one agent.
     *
     * @throws IllegalArgumentException when the name is not an HTTP header name
     */
    public static AgentIdentity header(String name) {
        return new AgentIdentity(Kind.HEADER, Checks.headerName(name));
    }

    /**
     * Reads {@code thread}, {@code none} or {@code header:<Name>}; the words ignore case, the header name
     * keeps it.
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static AgentIdentity parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.equals("thread")) {
            return THREAD;
        }
        if (lower.equals("none")) {
            return NONE;
        }
        if (lower.startsWith(HEADER_PREFIX)) {
            String name = trimmed.substring(HEADER_PREFIX.length()).trim();
            if (Checks.isHttpToken(name)) {
                return new AgentIdentity(Kind.HEADER, name);
            }
        }
        throw Checks.invalid(Checks.quote(text), "agent identity", EXPECTED);
    }

    public Kind kind() {
        return kind;
    }

    /** The header that names the agent; present exactly when the kind is {@link Kind#HEADER}. */
    public Optional<String> headerName() {
        return Optional.ofNullable(headerName);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof AgentIdentity)) {
            return false;
        }
        AgentIdentity that = (AgentIdentity) other;
        return kind == that.kind && Objects.equals(headerName, that.headerName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, headerName);
    }

    /** The text form that {@link #parse} reads back. */
    @Override
    public String toString() {
        return kind == Kind.HEADER ? HEADER_PREFIX + headerName : kind.name().toLowerCase(Locale.ROOT);
    }
}
