package dev.turnstile.demo.mock;

import java.time.Duration;

/** Waits; injected so that tests can see the pace without waiting for it. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> {
        if (!duration.isZero()) {
            Thread.sleep(duration.toMillis());
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
