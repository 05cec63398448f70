package dev.turnstile.core;

import java.util.Arrays;

/**
 * One agent as the scheduler sees it: its current turn and what it has in flight and queued,
 * per provider. Guarded by the scheduler's lock.
 */
final class AgentState {

    final String key;
    long turnStartMillis;
    /** Calls this agent made in its current turn. */
    long turnCalls;
    int inFlight;
    int queued;
    long idleSinceNanos;

    // Per-provider counts; agents talk to one or two providers, so a linear scan beats a map.
    private ProviderState[] providers = new ProviderState[2];
    private int[] inFlightBy = new int[2];
    private int[] queuedBy = new int[2];
    private int providerCount;

    AgentState(String key) {
        this.key = key;
    }

    boolean isIdle() {
        return inFlight == 0 && queued == 0;
    }

    void addQueued(ProviderState provider, int delta, long nowNanos) {
        queued += delta;
        int index = slot(provider); // first: slot() may grow the arrays
        queuedBy[index] += delta;
        markIdle(nowNanos);
    }

    void addInFlight(ProviderState provider, int delta, long nowNanos) {
        inFlight += delta;
        int index = slot(provider); // first: slot() may grow the arrays
        inFlightBy[index] += delta;
        markIdle(nowNanos);
    }

    int providerCount() {
        return providerCount;
    }

    ProviderState provider(int index) {
        return providers[index];
    }

    int inFlight(int index) {
        return inFlightBy[index];
    }

    int queued(int index) {
        return queuedBy[index];
    }

    private void markIdle(long nowNanos) {
        if (isIdle()) {
            idleSinceNanos = nowNanos;
            providerCount = 0; // nothing to show; forget which providers it used
            Arrays.fill(providers, null);
        }
    }

    private int slot(ProviderState provider) {
        for (int i = 0; i < providerCount; i++) {
            if (providers[i] == provider) {
                return i;
            }
        }
        if (providerCount == providers.length) {
            providers = Arrays.copyOf(providers, providerCount * 2);
            inFlightBy = Arrays.copyOf(inFlightBy, providerCount * 2);
            queuedBy = Arrays.copyOf(queuedBy, providerCount * 2);
        }
        providers[providerCount] = provider;
        inFlightBy[providerCount] = 0;
        queuedBy[providerCount] = 0;
        return providerCount++;
    }
}
