package dev.turnstile.core.limit;

import java.util.concurrent.TimeUnit;

/** The scheduler's settings as a limit algorithm reads them; a test may change them mid-way. */
final class MutableTuning implements LimitTuning {

    static final long QUIET = TimeUnit.SECONDS.toNanos(30);

    boolean adaptive = true;
    long quietNanos = QUIET;

    @Override
    public boolean lowersOnRateLimit() {
        return adaptive;
    }

    @Override
    public long quietPeriodNanos() {
        return quietNanos;
    }
}
