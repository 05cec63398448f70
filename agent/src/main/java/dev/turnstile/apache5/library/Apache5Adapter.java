package dev.turnstile.apache5.library;

import dev.turnstile.apache5.Apache5Library;
import dev.turnstile.http.DeferredExchange;
import dev.turnstile.http.Gate;
import dev.turnstile.http.GatedCall;
import dev.turnstile.http.HeaderLookup;
import dev.turnstile.http.ThreadCalls;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.MessageHeaders;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.net.URIAuthority;

import java.util.concurrent.CompletableFuture;

/** Reads Apache HttpClient 5's requests and responses for the gate; one instance per library class loader. */
public final class Apache5Adapter implements Apache5Library {

    /** Where an async exchange's context keeps its gated call, for the per-attempt callback. */
    static final String CALL_ATTRIBUTE = "dev.turnstile.call";

    /** What {@link #enterAsync} returns for an exchange that waits for its slot: the advice skips the start. */
    private static final CompletableFuture<Void> STARTS_WHEN_GRANTED = new CompletableFuture<>();

    @Override
    public GatedCall open(Gate gate, Object target, Object request) {
        return open(gate, (HttpHost) target, (HttpRequest) request);
    }

    static GatedCall open(Gate gate, HttpHost target, HttpRequest request) {
        String scheme;
        String host;
        int port;
        if (target != null) {
            scheme = target.getSchemeName();
            host = target.getHostName();
            port = target.getPort();
        } else {
            URIAuthority authority = request.getAuthority();
            if (authority == null) {
                return null;
            }
            scheme = request.getScheme();
            host = authority.getHostName();
            port = authority.getPort();
        }
        if (!gate.mayGate(host)) {
            return null; // before the path and the header lookup, which allocate
        }
        return gate.open(request.getMethod(), scheme, host, port, pathOf(request.getPath()), headers(request),
                bodyBytes(request));
    }

    /** A classic request's entity length for the token estimate (-1: unknown); an async one: its headers tell. */
    private static long bodyBytes(HttpRequest request) {
        if (!(request instanceof ClassicHttpRequest)) {
            return Gate.UNKNOWN_BODY;
        }
        HttpEntity entity = ((ClassicHttpRequest) request).getEntity();
        return entity == null ? 0 : entity.getContentLength();
    }

    private static String pathOf(String path) {
        if (path == null) {
            return "/";
        }
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    static HeaderLookup headers(MessageHeaders message) {
        return name -> {
            Header header = message.getFirstHeader(name);
            return header == null ? null : header.getValue();
        };
    }

    @Override
    public Object finish(GatedCall call, Object response, boolean reportStatus) {
        ClassicHttpResponse classic = (ClassicHttpResponse) response;
        if (reportStatus) {
            call.onResponse(classic.getCode(), headers(classic));
        }
        HttpEntity entity = classic.getEntity();
        if (entity == null || !entity.isStreaming()) {
            call.complete(); // nothing left on the wire
            return response;
        }
        classic.setEntity(new GatedEntity(entity, call));
        return response instanceof CloseableHttpResponse ? closing((CloseableHttpResponse) response, call) : response;
    }

    private static Object closing(CloseableHttpResponse response, GatedCall call) {
        try {
            return CloseableHttpResponse.create(response, new ClosingDelegate(response, call));
        } catch (LinkageError olderClient) {
            return response; // create() and CloseableDelegate are recent: the entity still ends the call
        }
    }

    @Override
    public void reportAttempt(ThreadCalls calls, Object response) {
        HttpResponse attempt = (HttpResponse) response;
        calls.attempt(attempt.getCode(), headers(attempt));
    }

    @Override
    public Object enterAsync(Gate gate, Object request, Object entityProducer, Object scope, Object chain,
                             Object callback) {
        AsyncExecChain.Scope exchange = (AsyncExecChain.Scope) scope;
        HttpRequest httpRequest = (HttpRequest) request;
        GatedCall call = open(gate, null, httpRequest);
        if (call == null) {
            return null;
        }
        exchange.clientContext.setAttribute(CALL_ATTRIBUTE, call);
        GatedExecCallback gated = new GatedExecCallback((AsyncExecCallback) callback, call, exchange.clientContext);
        DeferredExchange deferred = DeferredExchange.request(call);
        if (deferred.grantedAtOnce()) {
            return gated;
        }
        // The client's future cancels the wait (through its dependency) as it would cancel a connection lease.
        exchange.cancellableDependency.setDependency(() -> deferred.cancel(false));
        deferred.startWhenGranted(new DeferredStart(gated, httpRequest, (AsyncEntityProducer) entityProducer,
                exchange, (AsyncExecChain) chain));
        return STARTS_WHEN_GRANTED;
    }

    @Override
    public Object attemptCallback(Object scope, Object callback) {
        AsyncExecChain.Scope exchange = (AsyncExecChain.Scope) scope;
        Object call = exchange.clientContext.getAttribute(CALL_ATTRIBUTE);
        if (!(call instanceof GatedCall)) {
            return callback;
        }
        // Without hard cancellation the application chose to let a cancelled exchange run to its end.
        boolean cancelStops = exchange.clientContext.getRequestConfigOrDefault().isHardCancellationEnabled();
        return new AttemptCallback((AsyncExecCallback) callback, (GatedCall) call,
                cancelStops ? exchange.cancellableDependency : null);
    }
}
