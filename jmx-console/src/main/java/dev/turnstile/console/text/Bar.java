package dev.turnstile.console.text;

/** An in-flight-of-limit bar such as {@code [██████░░░░] 3/5}, in blocks or in ASCII. */
public final class Bar {

    private final boolean unicode;

    public Bar(boolean unicode) {
        this.unicode = unicode;
    }

    /**
     * @param limit 0 for unlimited: one cell per call, up to the width, and {@code ∞} (or {@code -})
     *              as the denominator
     */
    public String render(int inFlight, int limit, int width) {
        int filled;
        if (limit > 0) {
            filled = (int) Math.round(Math.min(1.0, inFlight / (double) limit) * width);
            if (inFlight > 0 && filled == 0) {
                filled = 1;
            }
        } else {
            filled = Math.min(width, inFlight);
        }
        String full = unicode ? "█" : "#";
        String empty = unicode ? "░" : ".";
        String over = inFlight > limit && limit > 0 ? "+" : "";
        return "[" + full.repeat(filled) + (limit > 0 ? empty : " ").repeat(width - filled) + "] " + inFlight + "/"
                + (limit > 0 ? String.valueOf(limit) : unicode ? "∞" : "-") + over;
    }
}
