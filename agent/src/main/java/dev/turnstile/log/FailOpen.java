package dev.turnstile.log;

import org.slf4j.Logger;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's answer to its own bugs: the call goes on ungated and the error is logged once per
 * place, so a broken hook never floods the application's log or reaches its code.
 */
public final class FailOpen {

    private static final Logger LOG = Logs.get(FailOpen.class);
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    private FailOpen() {
    }

    /** Logs {@code failure} the first time {@code where} fails; never throws. */
    public static void report(String where, Throwable failure) {
        try {
            if (REPORTED.add(where)) {
                LOG.warn("internal error in {}; calls there go through ungated (reported once): {}", where,
                        failure.toString(), failure);
            }
        } catch (Throwable ignored) {
            // Logging itself failed: nothing more we can safely do.
        }
    }
}
