package dev.turnstile.vertx.library;

import dev.turnstile.http.Gate;
import dev.turnstile.http.GatedCall;
import dev.turnstile.vertx.VertxLibrary;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Reads Vert.x's requests and responses for the gate, and keeps each gated request's call; defined once per
 * library class loader. Written against Vert.x 5.0's public API.
 */
public final class VertxAdapter implements VertxLibrary {

    /**
     * Gated requests, by identity (requests do not override {@code equals}); gone with their
     * request. Static: the hooks make an adapter per library class they see (request, response),
     * and this class is defined once per Vert.x class loader.
     */
    private static final Map<Object, GatedRequest> REQUESTS = Collections.synchronizedMap(new WeakHashMap<>());
    private static final RequestMethods METHODS = new RequestMethods();

    @Override
    public Object beforeWrite(Gate gate, Object request, Object context, Object buffer, boolean end, boolean connect) {
        GatedRequest known = REQUESTS.get(request);
        if (known != null) {
            return known.deferIfWaiting(new PendingWrite(buffer, end, connect));
        }
        GatedCall call = open(gate, (HttpClientRequest) request);
        if (call == null) {
            return null;
        }
        GatedRequest gated = new GatedRequest(call, (HttpClientRequest) request, (Context) context, METHODS);
        REQUESTS.put(request, gated);
        return gated.begin(new PendingWrite(buffer, end, connect));
    }

    private static GatedCall open(Gate gate, HttpClientRequest request) {
        String uri = request.absoluteURI();
        boolean https = uri.startsWith("https://");
        int start = https ? 8 : uri.startsWith("http://") ? 7 : -1;
        if (start < 0) {
            return null;
        }
        int slash = uri.indexOf('/', start);
        String authority = uri.substring(start, slash < 0 ? uri.length() : slash);
        int colon = authority.lastIndexOf(':');
        String host = authority;
        int port = https ? 443 : 80;
        if (colon > authority.lastIndexOf(']')) {
            host = authority.substring(0, colon);
            port = Integer.parseInt(authority.substring(colon + 1));
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        MultiMap headers = request.headers();
        return gate.open(request.getMethod().name(), https ? "https" : "http", host, port, request.path(),
                headers::get);
    }

    @Override
    public void onResponse(Object request, Object response) {
        GatedRequest gated = REQUESTS.get(request);
        if (gated != null) {
            HttpClientResponse head = (HttpClientResponse) response;
            MultiMap headers = head.headers();
            gated.answered();
            gated.call().onResponse(head.statusCode(), headers::get);
        }
    }

    @Override
    public void onResponseEnd(Object response) {
        GatedRequest gated = REQUESTS.get(((HttpClientResponse) response).request());
        if (gated != null) {
            gated.call().complete();
        }
    }

    @Override
    public void onFailure(Object request) {
        GatedRequest gated = REQUESTS.get(request);
        if (gated != null) {
            gated.failed();
        }
    }

    @Override
    public void onReset(Object request) {
        GatedRequest gated = REQUESTS.get(request);
        if (gated != null) {
            gated.resetByTheApplication();
        }
    }
}
