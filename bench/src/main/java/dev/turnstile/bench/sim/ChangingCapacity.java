package dev.turnstile.bench.sim;

import java.util.Locale;

/**
 * A provider's hidden concurrency cap that changes while the run goes on: {@code high} calls at
 * once, {@code low} from {@code dropSeconds} until {@code backSeconds}, then {@code high} again,
 * until the run ends at {@code endSeconds}.
 */
record ChangingCapacity(int high, int low, double dropSeconds, double backSeconds, double endSeconds) {

    int at(double seconds) {
        return seconds >= dropSeconds && seconds < backSeconds ? low : high;
    }

    String describe() {
        return String.format(Locale.ROOT, "%d calls at once, %d from %s s to %s s, %d again until %s s", high, low,
                Format.seconds(dropSeconds), Format.seconds(backSeconds), high, Format.seconds(endSeconds));
    }
}
