package dev.turnstile.jdkhttp;

import dev.turnstile.http.HeaderLookup;

import java.net.http.HttpHeaders;
import java.util.List;

/**
 * A {@link HeaderLookup} over the JDK's {@link HttpHeaders}. {@code firstValue(name)} builds a
 * stream and an {@code Optional} for every name asked, present or not, and a response is asked
 * for half a dozen budget headers; the case-insensitive map behind {@code map()} answers the same
 * with nothing allocated.
 */
final class JdkHeaders {

    private JdkHeaders() {
    }

    static HeaderLookup of(HttpHeaders headers) {
        return name -> firstOf(headers.map().get(name));
    }

    /** The response's {@code Content-Length}, or -1 when it has none (chunked) or it is not a number. */
    static long contentLength(HttpHeaders headers) {
        String value = firstOf(headers.map().get("content-length"));
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String firstOf(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
