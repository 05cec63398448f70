package dev.turnstile.apache5.library;

import dev.turnstile.http.GatedCall;
import dev.turnstile.log.FailOpen;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncDataConsumer;

import java.io.IOException;

/**
 * Sees one attempt's response head, below the client's retry: a 429 the client retries by
 * itself (honouring Retry-After) still pauses the provider.
 */
final class AttemptCallback implements AsyncExecCallback {

    private final AsyncExecCallback delegate;
    private final GatedCall call;

    AttemptCallback(AsyncExecCallback delegate, GatedCall call) {
        this.delegate = delegate;
        this.call = call;
    }

    @Override
    public AsyncDataConsumer handleResponse(HttpResponse response, EntityDetails entityDetails)
            throws HttpException, IOException {
        try {
            call.onResponse(response.getCode(), Apache5Adapter.headers(response));
        } catch (Throwable t) {
            FailOpen.report("apache-httpclient5 async attempt status", t);
        }
        return delegate.handleResponse(response, entityDetails);
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
