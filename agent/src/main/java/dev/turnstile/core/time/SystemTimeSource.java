package dev.turnstile.core.time;

/**
 * The JVM's clocks. Epoch millis are derived from {@link System#nanoTime()} anchored once, so a
 * wall-clock step (NTP, a VM resumed) cannot reorder turn starts taken by this JVM.
 */
final class SystemTimeSource implements TimeSource {

    static final SystemTimeSource INSTANCE = new SystemTimeSource();

    private final long anchorNanos = System.nanoTime();
    private final long anchorMillis = System.currentTimeMillis();

    private SystemTimeSource() {
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long epochMillis() {
        return anchorMillis + (System.nanoTime() - anchorNanos) / 1_000_000L;
    }
}
