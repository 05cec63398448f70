package dev.turnstile.vertx4.library;

import dev.turnstile.http.AbsoluteUri;
import dev.turnstile.http.DeferredWrites;
import dev.turnstile.http.Gate;
import dev.turnstile.http.GatedCall;
import dev.turnstile.vertx4.Vertx4Library;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Reads Vert.x 4's requests and responses for the gate, and keeps each gated request's deferred
 * writes; defined once per library class loader. Compiled against Vert.x 5's API, it calls only
 * what 4.5 has in the same shape (the request's URI, method, path and headers, the response's
 * status and headers); the write itself is made by reflection.
 */
public final class Vertx4Adapter implements Vertx4Library {

    /**
     * Gated requests, by identity (requests do not override {@code equals}); gone with their
     * request. Static: the hooks make an adapter per library class they see (request, response),
     * and this class is defined once per Vert.x class loader.
     */
    private static final Map<Object, DeferredWrites<PendingWrite>> REQUESTS = Collections.synchronizedMap(new WeakHashMap<>());
    private static final RequestMethods METHODS = new RequestMethods();
    private static final Writer WRITER = new Writer();

    @Override
    public boolean beforeWrite(Gate gate, Object request, Object context, Object buffer, boolean end, boolean connect,
                               Object handler) {
        DeferredWrites<PendingWrite> known = REQUESTS.get(request);
        if (known != null) {
            return known.deferIfWaiting(new PendingWrite(request, buffer, end, connect, handler));
        }
        GatedCall call = open(gate, (HttpClientRequest) request);
        if (call == null) {
            return false;
        }
        Context onContext = (Context) context;
        DeferredWrites<PendingWrite> writes = new DeferredWrites<>(call, WRITER,
                task -> onContext.runOnContext(ignored -> task.run()));
        REQUESTS.put(request, writes);
        if (((HttpClientRequest) request).response().failed()) {
            // It failed while its call was opened on this thread (its connection closed, say): the
            // failure's hook found no call to end, so it ends here, and Vert.x fails the write.
            writes.failed();
            return false;
        }
        return writes.deferFirst(new PendingWrite(request, buffer, end, connect, handler));
    }

    private static GatedCall open(Gate gate, HttpClientRequest request) {
        String knownHost = RequestHost.of(request);
        if (knownHost != null && !gate.mayGate(knownHost)) {
            return null; // no provider's host: no URI built, nothing allocated
        }
        String uri = request.absoluteURI();
        boolean https = uri.startsWith("https://");
        String host = https || uri.startsWith("http://") ? AbsoluteUri.hostOf(uri) : null;
        if (host == null) {
            return null;
        }
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1); // an IPv6 address, as the gate knows it
        }
        int port = AbsoluteUri.portOf(uri);
        MultiMap headers = request.headers();
        return gate.open(request.getMethod().name(), https ? "https" : "http", host,
                port >= 0 ? port : https ? 443 : 80, request.path(), headers::get);
    }

    @Override
    public void onResponse(Object request, Object response) {
        DeferredWrites<PendingWrite> gated = REQUESTS.get(request);
        if (gated != null) {
            HttpClientResponse head = (HttpClientResponse) response;
            MultiMap headers = head.headers();
            gated.answered();
            gated.call().onResponse(head.statusCode(), headers::get);
        }
    }

    @Override
    public void onResponseEnd(Object response) {
        DeferredWrites<PendingWrite> gated = REQUESTS.get(((HttpClientResponse) response).request());
        if (gated != null) {
            gated.call().complete();
        }
    }

    @Override
    public void onFailure(Object request) {
        DeferredWrites<PendingWrite> gated = REQUESTS.get(request);
        if (gated != null) {
            gated.failed();
        }
    }

    @Override
    public void onReset(Object request) {
        DeferredWrites<PendingWrite> gated = REQUESTS.get(request);
        if (gated != null) {
            gated.resetByTheApplication();
        }
    }

    /** Makes a request's deferred writes, by reflection on the request's own methods. */
    private static final class Writer implements DeferredWrites.Writer<PendingWrite> {

        @Override
        public void write(PendingWrite write) throws Exception {
            METHODS.write(write.request(), write);
        }

        @Override
        public void fail(PendingWrite write, Throwable why) {
            write.fail(why);
        }

        @Override
        public void failRequest(PendingWrite first, Throwable why) {
            METHODS.fail(first.request(), why);
        }
    }
}
