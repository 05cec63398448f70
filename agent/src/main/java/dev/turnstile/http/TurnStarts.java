package dev.turnstile.http;

import dev.turnstile.core.CallRequest;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reads a turn-start request header: epoch millis, or an ISO-8601 date-time with offset. */
final class TurnStarts {

    private TurnStarts() {
    }

    /** The turn start in epoch millis, or {@link CallRequest#NO_TURN_START} for absent or garbage values. */
    static long parse(String value) {
        if (value == null) {
            return CallRequest.NO_TURN_START;
        }
        String text = value.trim();
        if (text.isEmpty()) {
            return CallRequest.NO_TURN_START;
        }
        if (isDigits(text)) {
            return text.length() <= 18 ? Long.parseLong(text) : CallRequest.NO_TURN_START;
        }
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            return CallRequest.NO_TURN_START;
        }
    }

    private static boolean isDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
