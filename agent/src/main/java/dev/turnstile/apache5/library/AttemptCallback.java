package dev.turnstile.apache5.library;

import dev.turnstile.http.GatedCall;
import dev.turnstile.log.FailOpen;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.core5.concurrent.CancellableDependency;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncDataConsumer;

import java.io.IOException;

/**
 * Sees one attempt's response head, below the client's retry: a 429 the client retries by
 * itself (honouring Retry-After) still pauses the provider. A response that arrives for a
 * cancelled future is stopped (see {@link StopsWhenCancelled}), unless the application turned
 * hard cancellation off, so that a cancelled exchange runs to its end.
 */
final class AttemptCallback implements AsyncExecCallback {

    private final AsyncExecCallback delegate;
    private final GatedCall call;
    /** The client's future, whose cancel stops the response; null when a cancel lets the exchange run on. */
    private final CancellableDependency future;

    AttemptCallback(AsyncExecCallback delegate, GatedCall call, CancellableDependency future) {
        this.delegate = delegate;
        this.call = call;
        this.future = future;
    }

    @Override
    public AsyncDataConsumer handleResponse(HttpResponse response, EntityDetails entityDetails)
            throws HttpException, IOException {
        try {
            call.onResponse(response.getCode(), Apache5Adapter.headers(response));
        } catch (Throwable t) {
            FailOpen.report("apache-httpclient5 async attempt status", t);
        }
        if (future == null) {
            return delegate.handleResponse(response, entityDetails);
        }
        StopsWhenCancelled.stopIfCancelled(future);
        AsyncDataConsumer body = delegate.handleResponse(response, entityDetails);
        return body == null ? null : new StopsWhenCancelled(body, future);
    }

    @Override
    public void handleInformationResponse(HttpResponse response) throws HttpException, IOException {
        delegate.handleInformationResponse(response);
    }

    @Override
    public void completed() {
        delegate.completed();
    }

    @Override
    public void failed(Exception cause) {
        delegate.failed(cause);
    }
}
