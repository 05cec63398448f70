package dev.turnstile.http;

import dev.turnstile.config.BackoffConfig;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Locale;

/**
 * What counts as overload for the overload breaker: a 502, 503, 504 or 529 answer, unless that
 * status is a back-off status already (529 by default: it pauses as a rate limit, and must not
 * pause twice); and a call that got no answer because the provider could not be reached (connection
 * refused or reset, a connect or read timeout). A 429 never counts: it has its own pause.
 */
final class OverloadSignals {

    private static final int MAX_CAUSES = 8;
    /** Named, not imported: a runtime without the java.net.http module must still load this class. */
    private static final String JDK_CLIENT_TIMEOUT = "java.net.http.HttpTimeoutException";

    private OverloadSignals() {
    }

    static boolean isOverloadStatus(int status, BackoffConfig backoff) {
        return (status == 502 || status == 503 || status == 504 || status == 529) && !backoff.pausesOn(status);
    }

    /**
     * The overload a failure before any answer says, in words ("connection refused"), or null when
     * it says none (a cancel, an interrupt, a bad request of the application's own).
     */
    static String causeOf(Throwable failure) {
        Throwable t = failure;
        for (int i = 0; t != null && i < MAX_CAUSES; i++, t = t.getCause()) {
            String cause = causeOfOne(t);
            if (cause != null) {
                return cause;
            }
        }
        return null;
    }

    private static String causeOfOne(Throwable t) {
        if (t instanceof ConnectException) {
            return "connection refused";
        }
        if (t instanceof SocketTimeoutException || isA(t, JDK_CLIENT_TIMEOUT)) {
            return "timed out before an answer";
        }
        String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
        if (t instanceof SocketException && message.contains("reset")) {
            return "connection reset";
        }
        return null;
    }

    private static boolean isA(Throwable t, String className) {
        for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }
}
