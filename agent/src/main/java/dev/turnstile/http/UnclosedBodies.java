package dev.turnstile.http;

import dev.turnstile.log.FailOpen;
import dev.turnstile.log.Logs;
import org.slf4j.Logger;

import java.lang.ref.Cleaner;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Frees the slot of a response body that the application dropped without closing it: when the
 * body handed to the application becomes garbage while its call is still open, the call ends as
 * {@code ABANDONED}, long before the watchdog's {@code max-hold}. One {@link Cleaner} (one daemon
 * thread) serves the whole agent; it is made on first use. The cleaning action holds the call,
 * never the body, or the body could never become garbage.
 */
public final class UnclosedBodies {

    private static final Logger LOG = Logs.get(UnclosedBodies.class);
    /** At most one warning per provider this often; the count covers the quiet time in between. */
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final Map<String, Warnings> WARNINGS = new ConcurrentHashMap<>();

    private UnclosedBodies() {
    }

    /**
     * Ends {@code call} as abandoned once {@code body} is garbage, unless it ended before. Register
     * the object every path to the body's bytes goes through, so that it is garbage only when the
     * application can no longer read or close the body.
     */
    public static void watch(Object body, GatedCall call) {
        try {
            Lazy.CLEANER.register(body, new Abandon(call));
        } catch (RuntimeException | Error e) {
            FailOpen.report("watching a response body", e); // the watchdog still takes the slot back
        }
    }

    /** Made when the first body is watched: an agent that never gates a call starts no thread. */
    private static final class Lazy {
        static final Cleaner CLEANER = Cleaner.create(UnclosedBodies::newThread);
    }

    /** Daemon, no inherited thread locals or context loader of the application thread that made it. */
    private static Thread newThread(Runnable task) {
        Thread thread = new Thread(null, task, "turnstile-unclosed-bodies", 0, false);
        thread.setDaemon(true);
        thread.setContextClassLoader(UnclosedBodies.class.getClassLoader());
        return thread;
    }

    /** The cleaning action: it references the call only. */
    private static final class Abandon implements Runnable {
        private final GatedCall call;

        Abandon(GatedCall call) {
            this.call = call;
        }

        @Override
        public void run() {
            try {
                if (call.abandon()) {
                    warn(call.providerId());
                }
            } catch (RuntimeException | Error e) {
                FailOpen.report("releasing an unclosed response body", e);
            }
        }
    }

    private static void warn(String provider) {
        Warnings warnings = WARNINGS.computeIfAbsent(provider, id -> new Warnings());
        long unreported = warnings.dropped.incrementAndGet();
        long now = System.nanoTime();
        long last = warnings.lastNanos.get();
        if ((last == 0 || now - last >= WARN_EVERY_NANOS) && warnings.lastNanos.compareAndSet(last, now)) {
            warnings.dropped.addAndGet(-unreported);
            LOG.warn("a response body of provider '{}' was never closed; its slot was released when the garbage "
                    + "collector found it ({} such bodies since the last warning of this kind). Close response bodies (try-with-resources) "
                    + "to free the slot at once.", provider, unreported);
        }
    }

    private static final class Warnings {
        final AtomicLong lastNanos = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
    }
}
