package dev.turnstile.core;

/**
 * One provider's calls in flight, oldest grant first, linked through their permits so that joining
 * and leaving cost O(1) and the watchdog looks only at the head. Guarded by the scheduler's lock.
 */
final class InFlightList {

    private Permit oldest;
    private Permit newest;
    private int size;

    Permit oldest() {
        return oldest;
    }

    int size() {
        return size;
    }

    void link(Permit permit) {
        permit.previous = newest;
        permit.next = null;
        if (newest == null) {
            oldest = permit;
        } else {
            newest.next = permit;
        }
        newest = permit;
        permit.linked = true;
        size++;
    }

    /** Takes the permit out of the list; a permit not in it is left alone. */
    void unlink(Permit permit) {
        if (!permit.linked) {
            return;
        }
        if (permit.previous == null) {
            oldest = permit.next;
        } else {
            permit.previous.next = permit.next;
        }
        if (permit.next == null) {
            newest = permit.previous;
        } else {
            permit.next.previous = permit.previous;
        }
        permit.previous = null;
        permit.next = null;
        permit.linked = false;
        size--;
    }
}
