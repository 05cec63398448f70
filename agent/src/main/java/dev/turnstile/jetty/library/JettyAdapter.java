package dev.turnstile.jetty.library;

import dev.turnstile.http.DeferredExchange;
import dev.turnstile.http.Gate;
import dev.turnstile.http.GatedCall;
import dev.turnstile.http.HeaderLookup;
import dev.turnstile.jetty.JettyLibrary;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.transport.HttpConversation;
import org.eclipse.jetty.client.transport.HttpDestination;
import org.eclipse.jetty.client.transport.HttpExchange;
import org.eclipse.jetty.client.transport.HttpRequest;
import org.eclipse.jetty.client.transport.HttpResponse;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

/**
 * Reads Jetty's requests and responses for the gate; one instance per library class loader. The
 * gated call lives in the conversation's attributes, which Jetty's redirects and authentication
 * retries share with the first request: they hold no second slot, and each of their responses
 * reaches the same call.
 */
public final class JettyAdapter implements JettyLibrary {

    /** The conversation attribute that holds its {@link ConversationCall}. */
    static final String CALL_ATTRIBUTE = "dev.turnstile.call";

    @Override
    public Object send(Gate gate, Object destination, Object request, Object listener) {
        HttpRequest httpRequest = (HttpRequest) request;
        if (!gate.mayGate(httpRequest.getHost())) {
            return null; // no provider's host, so no slot held by this conversation either
        }
        HttpConversation conversation = httpRequest.getConversation();
        if (conversation.getAttribute(CALL_ATTRIBUTE) != null) {
            return null; // a redirect, a retry, or the deferred send itself: the conversation holds its slot
        }
        GatedCall call = gate.open(httpRequest.getMethod(), httpRequest.getScheme(), httpRequest.getHost(),
                httpRequest.getPort(), httpRequest.getPath(), headers(httpRequest.getHeaders()));
        if (call == null) {
            return null;
        }
        ConversationCall gated = new ConversationCall(call);
        conversation.setAttribute(CALL_ATTRIBUTE, gated);
        // The first request's complete listeners hear the end of the whole conversation (after redirects too).
        httpRequest.onComplete(new ReleasingListener(call));
        DeferredExchange deferred = DeferredExchange.request(call);
        if (deferred.grantedAtOnce()) {
            return call;
        }
        HttpDestination httpDestination = (HttpDestination) destination;
        gated.waiting(deferred);
        deferred.startWhenGranted(new DeferredSend(httpDestination, httpRequest, (Response.CompleteListener) listener),
                httpDestination.getHttpClient().getExecutor());
        return Boolean.TRUE;
    }

    @Override
    public void aborted(Object request) {
        ConversationCall gated = of(((HttpRequest) request).getConversation());
        if (gated != null) {
            gated.aborted();
        }
    }

    @Override
    public void responseHeaders(Object exchange) {
        HttpExchange httpExchange = (HttpExchange) exchange;
        ConversationCall gated = of(httpExchange.getConversation());
        if (gated != null) {
            HttpResponse response = httpExchange.getResponse();
            gated.call().onResponse(response.getStatus(), headers(response.getHeaders()));
        }
    }

    private static ConversationCall of(HttpConversation conversation) {
        Object gated = conversation == null ? null : conversation.getAttribute(CALL_ATTRIBUTE);
        return gated instanceof ConversationCall ? (ConversationCall) gated : null;
    }

    /** Jetty's {@code get(name)} walks the fields with an iterator; {@code getField(name)} allocates nothing. */
    private static HeaderLookup headers(HttpFields fields) {
        return name -> {
            HttpField field = fields.getField(name);
            return field == null ? null : field.getValue();
        };
    }
}
