package dev.turnstile.console.web;

import dev.turnstile.console.model.ProviderStatus;
import dev.turnstile.console.model.Status;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last minutes of in flight, queued, effective limit, 429s so far and pause per provider, one
 * sample a second, so that a page opened now draws its charts at once.
 */
final class History {

    private final int capacity;
    private final Deque<Map<String, Object>> samples = new ArrayDeque<>();

    History(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(Status status) {
        Map<String, Object> providers = new LinkedHashMap<>();
        for (ProviderStatus provider : status.providers()) {
            providers.put(provider.id(), List.of(provider.inFlight(), provider.queued(), provider.effectiveLimit(),
                    provider.rateLimited(), provider.paused() ? 1 : 0));
        }
        Map<String, Object> sample = new LinkedHashMap<>();
        sample.put("t", status.takenAtMillis());
        sample.put("providers", providers);
        samples.addLast(sample);
        while (samples.size() > capacity) {
            samples.removeFirst();
        }
    }

    /**
     * {@code [{"t": millis, "providers": {"id": [inFlight, queued, effectiveLimit, rateLimited, paused]}}, …]},
     * oldest first; {@code rateLimited} counts since start or reset, {@code paused} is 1 or 0.
     */
    synchronized List<Object> samples() {
        return new ArrayList<>(samples);
    }
}
