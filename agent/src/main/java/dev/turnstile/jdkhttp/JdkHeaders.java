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

    private static String firstOf(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
