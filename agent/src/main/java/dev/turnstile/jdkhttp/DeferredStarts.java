package dev.turnstile.jdkhttp;

import java.net.http.HttpClient;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where a queued call's exchange starts once its slot is granted: the client's own executor when
 * the application gave it one, else a cached pool of ours, like the client's default. Never the
 * granting thread. That thread is often the client's own, in the middle of another exchange's
 * body completion, which has just handed its connection back to the pool. A send started there
 * takes that connection while the client is still finishing the exchange before it. An interrupt
 * stress run saw hundreds of calls in 30 s fail ("Request cancelled") through a connection two
 * exchanges shared.
 */
final class DeferredStarts {

    private static final AtomicInteger THREADS = new AtomicInteger();

    /** Made on the first queued call: a JVM whose calls never wait starts no thread. */
    private static final class Pool {
        static final Executor EXECUTOR = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), runnable -> {
                    // No inherited thread locals or context loader of whichever thread made the pool.
                    Thread thread = new Thread(null, runnable, "turnstile-jdk-start-" + THREADS.incrementAndGet(), 0, false);
                    thread.setDaemon(true);
                    thread.setContextClassLoader(null);
                    return thread;
                });
    }

    private DeferredStarts() {
    }

    static Executor of(HttpClient client) {
        return client.executor().orElseGet(() -> Pool.EXECUTOR);
    }
}
