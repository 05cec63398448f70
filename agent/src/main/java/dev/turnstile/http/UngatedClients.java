package dev.turnstile.http;

import dev.turnstile.log.Logs;
import org.slf4j.Logger;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Says when a client Turnstile cannot gate reaches a provider: one WARN per provider and client
 * class, naming both and why, so traffic that slips past the gate is never silent. A host that
 * is no provider's costs one routing lookup and is never logged.
 */
public final class UngatedClients {

    private static final Logger LOG = Logs.get(UngatedClients.class);

    private final Gate gate;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    public UngatedClients(Gate gate) {
        this.gate = gate;
    }

    /**
     * {@code client} sends to {@code host} with no gate around it. Returns true when this made
     * the report (the first time for this provider and client class).
     *
     * @param port the port, or -1 for the scheme's default
     * @param why  why that client is not gated, and what to use instead
     */
    public boolean reached(String client, String scheme, String host, int port, String why) {
        String provider = gate.providerOf(scheme, host, port);
        return provider != null
                && report(client, provider, provider + " (" + host + ':' + Gate.effectivePort(scheme, port) + ')', why);
    }

    /** As {@link #reached(String, String, String, int, String)}, for a request already routed to {@code provider}. */
    public boolean reached(String client, String provider, String why) {
        return report(client, provider, provider, why);
    }

    /** True once {@code client} was reported for {@code provider}. */
    public boolean reported(String client, String provider) {
        return reported.contains(provider + ' ' + client);
    }

    private boolean report(String client, String provider, String named, String why) {
        if (!reported.add(provider + ' ' + client)) {
            return false;
        }
        LOG.warn("calls to {} through {} are not gated: {}", named, client, why);
        return true;
    }
}
