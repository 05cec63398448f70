package dev.turnstile.demo.app;

/** One finished turn: whose, on which stack, how long from task to last answer, and what it cost. */
public final class TurnRecord {

    private final int agent;
    private final String stack;
    private final int turn;
    private final long millis;
    private final int calls;
    private final int rateLimited;
    private final int errors;
    private final boolean ok;

    public TurnRecord(int agent, String stack, int turn, long millis, int calls, int rateLimited, int errors,
                      boolean ok) {
        this.agent = agent;
        this.stack = stack;
        this.turn = turn;
        this.millis = millis;
        this.calls = calls;
        this.rateLimited = rateLimited;
        this.errors = errors;
        this.ok = ok;
    }

    public int agent() {
        return agent;
    }

    public String stack() {
        return stack;
    }

    public int turn() {
        return turn;
    }

    public long millis() {
        return millis;
    }

    /** Successful calls. */
    public int calls() {
        return calls;
    }

    /** 429 answers this turn received. */
    public int rateLimited() {
        return rateLimited;
    }

    /** Calls that failed with an exception. */
    public int errors() {
        return errors;
    }

    /** Every call of the turn was answered. */
    public boolean ok() {
        return ok;
    }
}
