package dev.turnstile.apache4.library;

import dev.turnstile.extension.BlockingClientLibrary;
import dev.turnstile.http.Gate;
import dev.turnstile.http.GatedCall;
import dev.turnstile.http.HeaderLookup;
import dev.turnstile.http.ThreadCalls;
import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.HttpEntityEnclosingRequest;
import org.apache.http.HttpHost;
import org.apache.http.HttpMessage;
import org.apache.http.HttpRequest;
import org.apache.http.HttpResponse;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpUriRequest;

import java.lang.reflect.Proxy;
import java.net.URI;

/** Reads Apache HttpClient 4's requests and responses for the gate; one instance per library class loader. */
public final class Apache4Adapter implements BlockingClientLibrary {

    @Override
    public GatedCall open(Gate gate, Object target, Object request) {
        HttpRequest httpRequest = (HttpRequest) request;
        HttpHost host = (HttpHost) target;
        if (host != null && !gate.mayGate(host.getHostName())) {
            return null; // before the request's URI is parsed: a host that is no provider's costs one lookup
        }
        URI uri = uriOf(httpRequest);
        String scheme = host != null ? host.getSchemeName() : uri == null ? null : uri.getScheme();
        String hostName = host != null ? host.getHostName() : uri == null ? null : uri.getHost();
        int port = host != null ? host.getPort() : uri == null ? -1 : uri.getPort();
        if (hostName == null || !gate.mayGate(hostName)) {
            return null;
        }
        String path = uri == null || uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return gate.open(httpRequest.getRequestLine().getMethod(), scheme, hostName, port, path,
                headers(httpRequest), bodyBytes(httpRequest));
    }

    /** The entity's length for the token estimate: 0 without one, -1 when unknown (chunked). */
    private static long bodyBytes(HttpRequest request) {
        HttpEntity entity = request instanceof HttpEntityEnclosingRequest
                ? ((HttpEntityEnclosingRequest) request).getEntity() : null;
        return entity == null ? 0 : entity.getContentLength();
    }

    private static URI uriOf(HttpRequest request) {
        if (request instanceof HttpUriRequest) {
            return ((HttpUriRequest) request).getURI();
        }
        try {
            return URI.create(request.getRequestLine().getUri());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static HeaderLookup headers(HttpMessage message) {
        return name -> {
            Header header = message.getFirstHeader(name);
            return header == null ? null : header.getValue();
        };
    }

    @Override
    public Object finish(GatedCall call, Object response, boolean reportStatus) {
        HttpResponse httpResponse = (HttpResponse) response;
        if (reportStatus) {
            call.onResponse(httpResponse.getStatusLine().getStatusCode(), headers(httpResponse));
        }
        HttpEntity entity = httpResponse.getEntity();
        if (entity == null || !entity.isStreaming()) {
            call.complete(); // nothing left on the wire
            return response;
        }
        httpResponse.setEntity(new GatedEntity(entity, call));
        if (!(response instanceof CloseableHttpResponse)) {
            return response;
        }
        // Closing an HttpClient 4 response aborts the connection without touching the entity.
        return Proxy.newProxyInstance(CloseableHttpResponse.class.getClassLoader(),
                new Class<?>[] {CloseableHttpResponse.class}, new ClosingResponse(response, call));
    }

    @Override
    public void reportAttempt(ThreadCalls calls, Object response) {
        HttpResponse attempt = (HttpResponse) response;
        calls.attempt(attempt.getStatusLine().getStatusCode(), headers(attempt));
    }
}
