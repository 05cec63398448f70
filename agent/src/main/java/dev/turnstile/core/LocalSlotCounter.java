package dev.turnstile.core;

/** A slot count held in this JVM; the scheduler's lock guards it. */
final class LocalSlotCounter implements SlotCounter {

    private int taken;

    @Override
    public boolean tryTake(int limit) {
        if (limit > 0 && taken >= limit) {
            return false;
        }
        taken++;
        return true;
    }

    @Override
    public void giveBack() {
        if (taken <= 0) {
            throw new IllegalStateException("slot given back twice");
        }
        taken--;
    }

    @Override
    public int taken() {
        return taken;
    }
}
