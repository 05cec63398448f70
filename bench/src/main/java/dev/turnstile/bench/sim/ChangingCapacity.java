package dev.turnstile.bench.sim;

import java.util.Locale;

/**
 * One of a provider's hidden limits that may change while the run goes on: {@code high}, then
 * {@code low} from {@code dropSeconds} until {@code backSeconds}, then {@code high} again, until the
 * run ends at {@code endSeconds}. A steady limit has {@code low == high}.
 */
record ChangingCapacity(int high, int low, double dropSeconds, double backSeconds, double endSeconds) {

    /** The same value for the whole run. */
    static ChangingCapacity steady(int value, double endSeconds) {
        return new ChangingCapacity(value, value, endSeconds, endSeconds, endSeconds);
    }

    int at(double seconds) {
        return seconds >= dropSeconds && seconds < backSeconds ? low : high;
    }

    boolean changes() {
        return low != high;
    }

    /** Which of before, during and after the change {@code seconds} falls in (0, 1, 2). */
    int phase(double seconds) {
        return seconds < dropSeconds ? 0 : seconds < backSeconds ? 1 : 2;
    }

    /** In words, with the unit of the value ("calls at once"). */
    String describe(String unit) {
        if (!changes()) {
            return String.format(Locale.ROOT, "%,d %s", high, unit);
        }
        return String.format(Locale.ROOT, "%,d %s, %,d from %s s to %s s, %,d again", high, unit, low,
                Format.seconds(dropSeconds), Format.seconds(backSeconds), high);
    }
}
