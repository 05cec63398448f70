package dev.turnstile.console.model;

/**
 * A provider's per-minute budgets, as its MBean's {@code Rpm}, {@code Tpm}, {@code RpmRemaining},
 * {@code TpmRemaining} and {@code BudgetHold} read: 0 is off, a remaining count is -1 when its
 * budget is off, {@code hold} is empty when the budget holds nothing (and with an agent too old to
 * have budgets, all are off).
 */
public record Budget(int rpm, long tpm, long rpmRemaining, long tpmRemaining, String hold) {

    public static final Budget OFF = new Budget(0, 0, -1, -1, "");

    public boolean isOn() {
        return rpm > 0 || tpm > 0;
    }
}
