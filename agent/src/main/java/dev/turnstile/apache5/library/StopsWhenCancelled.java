package dev.turnstile.apache5.library;

import org.apache.hc.core5.concurrent.CancellableDependency;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.nio.AsyncDataConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One attempt's response body, stopped at its next data once the client's future was cancelled.
 *
 * <p>HttpClient can lose a cancel: it ties the exchange to the future only after starting it, and
 * an earlier stage started on the caller's thread (the connection lease, whose callback connects)
 * ties its own, finished, operation after that when the I/O thread is quicker. A cancel then
 * reaches nothing, and the exchange streams on to its end, holding its slot for an answer nobody
 * will read. Failing it here ends it as the client's own cancel would (an
 * {@link InterruptedIOException}, which the default retry strategy never repeats).
 */
final class StopsWhenCancelled implements AsyncDataConsumer {

    private final AsyncDataConsumer body;
    private final CancellableDependency future;

    StopsWhenCancelled(AsyncDataConsumer body, CancellableDependency future) {
        this.body = body;
        this.future = future;
    }

    /** Throws as the client's cancel would fail the exchange, when the client's future is cancelled. */
    static void stopIfCancelled(CancellableDependency future) throws InterruptedIOException {
        if (future.isCancelled()) {
            throw new InterruptedIOException("Request execution cancelled");
        }
    }

    @Override
    public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
        body.updateCapacity(capacityChannel);
    }

    @Override
    public void consume(ByteBuffer src) throws IOException {
        stopIfCancelled(future);
        body.consume(src);
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) throws HttpException, IOException {
        body.streamEnd(trailers);
    }

    @Override
    public void releaseResources() {
        body.releaseResources();
    }
}
