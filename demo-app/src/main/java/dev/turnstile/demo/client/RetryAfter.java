package dev.turnstile.demo.client;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads a {@code Retry-After} header: delay-seconds or an HTTP date. */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** The wait in millis, or {@code -1} when the value is absent or unreadable. */
    public static long millis(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return -1;
        }
        String text = value.trim();
        try {
            double seconds = Double.parseDouble(text);
            return seconds < 0 ? -1 : (long) Math.ceil(seconds * 1000);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Math.max(0, at.toEpochMilli() - now.toEpochMilli());
            } catch (DateTimeParseException notADate) {
                return -1;
            }
        }
    }
}
