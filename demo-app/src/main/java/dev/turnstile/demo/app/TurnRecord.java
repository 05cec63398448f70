package dev.turnstile.demo.app;

/**
 * One finished turn: whose, on which stack, how long from task to last answer, and what it cost.
 *
 * @param calls successful calls
 * @param rateLimited 429 answers this turn received
 * @param errors calls that failed with an exception
 * @param ok every call of the turn was answered
 */
public record TurnRecord(int agent, String stack, int turn, long millis, int calls, int rateLimited, int errors,
                         boolean ok) {

    public static final String WIRE_PREFIX = "DEMO-TURN ";

    /** A machine-readable form, for a parent process that sums up the turns of several children. */
    public String toWire() {
        return WIRE_PREFIX + "agent=" + agent + " stack=" + stack + " turn=" + turn + " ms=" + millis + " calls=" + calls
                + " r429=" + rateLimited + " errors=" + errors + " ok=" + ok;
    }

    public static TurnRecord fromWire(String line) {
        KeyValues values = KeyValues.parse(line.substring(WIRE_PREFIX.length()));
        return new TurnRecord(values.getInt("agent"), values.get("stack"), values.getInt("turn"), values.getLong("ms"),
                values.getInt("calls"), values.getInt("r429"), values.getInt("errors"),
                Boolean.parseBoolean(values.get("ok")));
    }
}
