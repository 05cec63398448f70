package dev.turnstile.console;

/**
 * A failure the operator can act on, told in one line: an unreachable or non-Turnstile target,
 * an unknown provider, a value Turnstile refused. The command line prints the message alone,
 * without a stack trace, and exits with {@link #EXIT_CODE}; the web console maps the
 * {@link Reason} to an HTTP status.
 */
public final class ConsoleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Exit code of a command that failed at run time; 2 is kept for bad usage. */
    public static final int EXIT_CODE = 1;

    /** What went wrong, for callers that answer differently (HTTP statuses). */
    public enum Reason {
        /** The target could not be reached, or the connection was lost. */
        UNREACHABLE,
        /** The target is a JVM without Turnstile. */
        NOT_TURNSTILE,
        /** No such provider. */
        NOT_FOUND,
        /** Turnstile refused a value (its own message says why), or the input was bad. */
        REFUSED
    }

    private final Reason reason;

    public ConsoleException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ConsoleException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
