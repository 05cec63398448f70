package dev.turnstile.apache5.library;

import dev.turnstile.apache5.GatedExchange;
import dev.turnstile.http.GatedCall;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncDataConsumer;

import java.io.IOException;

/**
 * The top of an async exchange: {@code completed} comes after the last response's stream end,
 * {@code failed} on any error or cancel (a cancelled future cancels the exchange, which fails
 * it). Either ends the call, after the client's own callback ran.
 */
final class GatedExecCallback implements AsyncExecCallback, GatedExchange {

    private final AsyncExecCallback delegate;
    private final GatedCall call;
    private final HttpClientContext context;

    GatedExecCallback(AsyncExecCallback delegate, GatedCall call, HttpClientContext context) {
        this.delegate = delegate;
        this.call = call;
        this.context = context;
    }

    @Override
    public AsyncDataConsumer handleResponse(HttpResponse response, EntityDetails entityDetails)
            throws HttpException, IOException {
        return delegate.handleResponse(response, entityDetails);
    }

    @Override
    public void handleInformationResponse(HttpResponse response) throws HttpException, IOException {
        delegate.handleInformationResponse(response);
    }

    @Override
    public void completed() {
        try {
            delegate.completed();
        } finally {
            end();
            call.complete();
        }
    }

    @Override
    public void failed(Exception cause) {
        try {
            delegate.failed(cause);
        } finally {
            end();
            call.fail(cause);
        }
    }

    @Override
    public void notStarted() {
        end();
        call.fail();
    }

    /** A context the application reuses must not carry this call into its next exchange. */
    private void end() {
        try {
            if (context.getAttribute(Apache5Adapter.CALL_ATTRIBUTE) == call) {
                context.removeAttribute(Apache5Adapter.CALL_ATTRIBUTE);
            }
        } catch (RuntimeException ignored) {
            // the context is the application's: never let it stop the release
        }
    }
}
