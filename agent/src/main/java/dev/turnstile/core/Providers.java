package dev.turnstile.core;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The providers, in the order they were added (the order the dispatcher scans them in), and the
 * totals over all of them. Plain data, guarded by the scheduler's lock.
 */
final class Providers {

    private final Map<String, ProviderState> byId = new HashMap<>();
    private ProviderState[] inOrder = new ProviderState[0];

    /** Calls queued over all providers. */
    int queued;
    /** Gated calls in flight over all providers. */
    int inFlight;

    /** The provider, or null when there is none of that id. */
    ProviderState get(String id) {
        return byId.get(id);
    }

    /** The provider. @throws IllegalArgumentException for an unknown id, naming the known ones */
    ProviderState require(String id) {
        ProviderState provider = byId.get(id);
        if (provider == null) {
            throw new IllegalArgumentException("unknown provider '" + id + "'; known: " + new TreeSet<>(byId.keySet()));
        }
        return provider;
    }

    boolean contains(String id) {
        return byId.containsKey(id);
    }

    /** Every provider, oldest first. The array is the caller's to read, never to change. */
    ProviderState[] inOrder() {
        return inOrder;
    }

    /** @throws IllegalArgumentException if the id is taken */
    void add(ProviderState provider) {
        if (byId.containsKey(provider.id)) {
            throw new IllegalArgumentException("provider '" + provider.id + "' already exists");
        }
        byId.put(provider.id, provider);
        inOrder = Arrays.copyOf(inOrder, inOrder.length + 1);
        inOrder[inOrder.length - 1] = provider;
    }

    /** Removes and returns the provider, or null when there is none of that id. */
    ProviderState remove(String id) {
        ProviderState provider = byId.remove(id);
        if (provider == null) {
            return null;
        }
        ProviderState[] order = new ProviderState[inOrder.length - 1];
        int i = 0;
        for (ProviderState p : inOrder) {
            if (p != provider) {
                order[i++] = p;
            }
        }
        inOrder = order;
        return provider;
    }
}
