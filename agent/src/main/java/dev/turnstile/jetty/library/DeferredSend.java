package dev.turnstile.jetty.library;

import dev.turnstile.http.DeferredExchange;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.client.transport.HttpDestination;
import org.eclipse.jetty.client.transport.HttpRequest;
import org.eclipse.jetty.client.transport.HttpResponse;
import org.eclipse.jetty.client.transport.ResponseListeners;

/**
 * A send that waited for its slot: granted, it goes to its destination as it would have at once;
 * never started (aborted while queued, queue timeout), the request is aborted, its body fails
 * (so an application thread blocked writing it wakes), and its failure and complete listeners,
 * with the one given to {@code send}, hear the failure as for a request that fails before it is
 * sent.
 */
final class DeferredSend implements DeferredExchange.Client {

    private final HttpDestination destination;
    private final HttpRequest request;
    private final Response.CompleteListener listener;

    DeferredSend(HttpDestination destination, HttpRequest request, Response.CompleteListener listener) {
        this.destination = destination;
        this.request = request;
        this.listener = listener;
    }

    @Override
    public void start() {
        destination.send(request, listener); // the conversation holds its call now: not gated again
    }

    @Override
    public void fail(Throwable why) {
        Throwable applications = request.getAbortCause();
        Throwable failure = applications != null ? applications : why;
        request.abort(failure);
        Request.Content body = request.getBody();
        if (body != null) {
            body.fail(failure); // an application thread writing a streamed body (OutputStreamRequestContent) hears it too
        }
        ResponseListeners listeners = new ResponseListeners(request.getResponseListeners());
        if (listener != null) {
            listeners.addCompleteListener(listener, true);
        }
        HttpResponse none = new HttpResponse(request);
        listeners.notifyFailure(none, failure); // no response events before: there was no response
        listeners.notifyComplete(new Result(request, failure, none, failure));
    }
}
