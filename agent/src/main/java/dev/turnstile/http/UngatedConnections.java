package dev.turnstile.http;

import dev.turnstile.core.ProviderSnapshot;

import java.util.function.Supplier;

/**
 * Decides whether a connection being opened to a host has a gated call behind it, and reports
 * one that has none (see {@link UngatedClients}: one WARN per provider and stack). A connection
 * is covered when its provider has a call in flight or a gated client's door saw the provider in
 * the last few seconds: asynchronous clients connect on event-loop threads, far from the call,
 * so the test is per provider, not per thread. A host that is no provider's costs one routing
 * lookup; the stack is named only for a connection that is reported.
 */
public final class UngatedConnections {

    static final String WHY = "a connection was opened to the provider with no gated call behind it;"
            + " use a client Turnstile gates (see the start-up line)";

    private final Gate gate;
    private final UngatedClients reports;

    public UngatedConnections(Gate gate) {
        this.gate = gate;
        this.reports = new UngatedClients(gate);
    }

    /**
     * A connection to {@code host:port} is being opened, by the code {@code stack} names (the
     * package prefix of its first caller outside the JDK). Returns true when it was counted ungated.
     */
    public boolean connecting(String host, int port, Supplier<String> stack) {
        String provider = gate.providerOf(null, host, port);
        if (provider == null || covered(provider)) {
            return false;
        }
        gate.activity().countUngated(provider);
        reports.reached(stack.get(), null, host, port, WHY);
        return true;
    }

    /** True once a connection to {@code provider} from {@code stack} was reported. */
    public boolean reportedStack(String stack, String provider) {
        return reports.reported(stack, provider);
    }

    private boolean covered(String provider) {
        if (gate.activity().doorPassedRecently(provider)) {
            return true;
        }
        ProviderSnapshot snapshot = gate.scheduler().snapshot(provider);
        return snapshot != null && snapshot.inFlight() > 0;
    }
}
