package dev.turnstile.http;

/**
 * A provider budget that is spent or nearly so: how long until it resets, and a reason that names
 * the budget and its headers (shown as the pause reason). Produced by {@link BudgetHeaders#read}.
 */
final class SpentBudget {

    /** No budget is nearly spent. */
    static final SpentBudget NONE = new SpentBudget(0, "");

    private final long resetMillis;
    private final String reason;

    SpentBudget(long resetMillis, String reason) {
        this.resetMillis = resetMillis;
        this.reason = reason;
    }

    /** Milliseconds until the budget resets; 0 for {@link #NONE}. */
    long resetMillis() {
        return resetMillis;
    }

    String reason() {
        return reason;
    }

    boolean isSpent() {
        return resetMillis > 0;
    }

    @Override
    public String toString() {
        return "SpentBudget[" + resetMillis + " ms: " + reason + "]";
    }
}
