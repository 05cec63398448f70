package dev.turnstile.demo.mock;

import java.time.Duration;

/**
 * How fast the mock provider answers: a wait before the first token (the model "thinking"), then
 * one token every {@code tokenInterval}.
 */
public record Pace(Duration firstToken, Duration tokenInterval) {

    public Pace {
        if (firstToken.isNegative() || tokenInterval.isNegative()) {
            throw new IllegalArgumentException("pace durations must not be negative");
        }
    }

    /** How long an answer of {@code tokens} tokens takes to stream. */
    public Duration answerTime(int tokens) {
        return firstToken.plus(tokenInterval.multipliedBy(Math.max(0, tokens - 1)));
    }

    @Override
    public String toString() {
        return "first token after " + firstToken.toMillis() + " ms, then one every " + tokenInterval.toMillis() + " ms";
    }
}
