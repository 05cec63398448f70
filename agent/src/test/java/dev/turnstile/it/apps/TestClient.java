package dev.turnstile.it.apps;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One HTTP client as an application would use it, for the child JVMs of the integration tests.
 * Implementations know nothing of Turnstile.
 */
public interface TestClient extends AutoCloseable {

    /** Sends a request with a small JSON body (none for GET) and reads the answer to the end; returns the status. */
    int call(String method, String url) throws Exception;

    /**
     * Like {@link #call(String, String)}, with these request headers too (a turn header, say).
     * Clients whose test class does not set headers have none.
     */
    default int call(String method, String url, java.util.Map<String, String> headers) throws Exception {
        throw new UnsupportedOperationException("this test client sets no headers of the caller's");
    }

    /** POSTs, reads the first bytes of the answer, then closes the body without reading on. */
    int callAndCloseEarly(String url) throws Exception;

    /**
     * POSTs, reads the first bytes of the answer and hands back what holds the body open (the
     * response or the stream), unclosed: the caller keeps it, closes it later, or drops it.
     * Clients whose body the application never holds open have none.
     */
    default AutoCloseable callAndKeepBodyOpen(String url) throws Exception {
        throw new UnsupportedOperationException("this client hands the application no open body");
    }

    /** An asynchronous POST whose answer is read to the end; null when the client has no async API. */
    default CompletableFuture<Integer> callAsync(String url) {
        return null;
    }

    /**
     * The status of {@code exchange} as a future whose {@code cancel} reaches the exchange itself:
     * a stage made with {@code thenApply} would only cancel itself and let the call run on.
     */
    static <R> CompletableFuture<Integer> cancelling(CompletableFuture<R> exchange,
                                                     java.util.function.Function<R, Integer> status) {
        CompletableFuture<Integer> result = new CompletableFuture<Integer>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean cancelled = super.cancel(mayInterruptIfRunning); // first: the exchange answers at once
                exchange.cancel(mayInterruptIfRunning);
                return cancelled;
            }
        };
        exchange.whenComplete((response, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(status.apply(response));
            }
        });
        return result;
    }

    /** Makes a client with this read timeout (sockets idle longer fail). */
    interface Factory {
        TestClient create(Duration readTimeout) throws Exception;
    }

    @Override
    default void close() throws Exception {
    }
}
