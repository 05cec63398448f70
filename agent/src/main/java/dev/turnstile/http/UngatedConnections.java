package dev.turnstile.http;

import dev.turnstile.core.ProviderSnapshot;
import dev.turnstile.core.time.TimerService;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Decides whether a connection opened to a host has a gated call behind it, and reports one that
 * has none (see {@link UngatedClients}: one WARN per provider and stack). A connection is covered
 * when its provider has a call in flight or a gated client's door saw the provider in the last
 * few seconds: asynchronous clients connect on event-loop threads, far from the call, so the
 * test is per provider, not per thread. Many clients connect before their first request reaches
 * the door (Vert.x takes the gate when it writes the head, after the connection is made), so a
 * connection not covered when it opens is judged only after {@link #GRACE_NANOS}, on the
 * scheduler's timer: a door that sees the provider by then covers it too. A host that is no
 * provider's costs one routing lookup; the stack is named only for a connection held for judgement.
 */
public final class UngatedConnections {

    /**
     * How long after a connect its client has to bring the first call to the door before the
     * connection counts ungated: as long as a door covers the connections after it, because a
     * cold, loaded JVM was seen to hold Vert.x's event loop over 2 s between connect and head.
     */
    public static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

    /**
     * At most this many connections wait for judgement at once: a client opening connections to a
     * provider by the thousand must not fill the timer. Beyond it a connection is judged at once.
     */
    static final int MOST_WAITING = 256;

    static final String WHY = "a connection was opened to the provider with no gated call behind it;"
            + " use a client Turnstile gates (see the start-up line)";

    private final Gate gate;
    private final TimerService timer;
    private final UngatedClients reports;
    private final AtomicInteger waiting = new AtomicInteger();

    public UngatedConnections(Gate gate) {
        this(gate, gate.scheduler().timer());
    }

    /** With the timer that runs the judgement after the grace: a test's. */
    UngatedConnections(Gate gate, TimerService timer) {
        this.gate = gate;
        this.timer = timer;
        this.reports = new UngatedClients(gate);
    }

    /**
     * A connection to {@code host:port} is being opened, by the code {@code stack} names (the
     * package prefix of its first caller outside the JDK; named now, on the connecting thread).
     * Returns true when it was held for judgement: counted and reported after the grace unless a
     * door sees its provider by then.
     */
    public boolean connecting(String host, int port, Supplier<String> stack) {
        String provider = gate.providerOf(null, host, port);
        if (provider == null || covered(provider)) {
            return false;
        }
        String caller = stack.get();
        long openedAt = gate.activity().now();
        if (waiting.incrementAndGet() > MOST_WAITING) {
            waiting.decrementAndGet();
            judge(provider, openedAt, caller, host, port);
            return true;
        }
        timer.schedule(() -> {
            try {
                judge(provider, openedAt, caller, host, port);
            } finally {
                waiting.decrementAndGet();
            }
        }, GRACE_NANOS);
        return true;
    }

    /** True once a connection to {@code provider} from {@code stack} was reported. */
    public boolean reportedStack(String stack, String provider) {
        return reports.reported(stack, provider);
    }

    private void judge(String provider, long openedAt, String caller, String host, int port) {
        if (gate.activity().doorPassedSince(provider, openedAt) || inFlight(provider)) {
            return;
        }
        gate.activity().countUngated(provider);
        reports.reached(caller, null, host, port, WHY);
    }

    private boolean covered(String provider) {
        return gate.activity().doorPassedRecently(provider) || inFlight(provider);
    }

    private boolean inFlight(String provider) {
        ProviderSnapshot snapshot = gate.scheduler().snapshot(provider);
        return snapshot != null && snapshot.inFlight() > 0;
    }
}
