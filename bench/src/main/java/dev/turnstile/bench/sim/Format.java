package dev.turnstile.bench.sim;

import java.math.BigDecimal;
import java.util.Locale;

/** Number formats shared by the report's tables. */
final class Format {

    private Format() {
    }

    /** A model parameter in seconds, without trailing zeros: 0.2, 1, 2.5. */
    static String seconds(double seconds) {
        return BigDecimal.valueOf(seconds).stripTrailingZeros().toPlainString();
    }

    /** A measured time in seconds, one decimal; a dash for none (NaN). */
    static String oneDecimal(double seconds) {
        return Double.isNaN(seconds) ? "–" : String.format(Locale.ROOT, "%.1f", seconds);
    }

    /** {@code a / b} as "0.62×"; a dash when {@code b} is zero. */
    static String ratio(double a, double b) {
        return b == 0 ? "–" : String.format(Locale.ROOT, "%.2f×", a / b);
    }
}
