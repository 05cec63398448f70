package dev.turnstile.console.connect;

/** Turns nested JMX and RMI exceptions into the one sentence that matters. */
public final class Errors {

    private Errors() {
    }

    /** The innermost message, e.g. "Connection refused" under RMI's wrappers. */
    public static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (message == null || message.isBlank()) {
            return root.getClass().getSimpleName();
        }
        // RMI adds "; nested exception is: ..." to its messages; the root's own first line is enough.
        int nested = message.indexOf("; nested exception is");
        String line = nested > 0 ? message.substring(0, nested) : message;
        int newline = line.indexOf('\n');
        return newline > 0 ? line.substring(0, newline) : line;
    }
}
