package dev.turnstile.blocking.own;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;

import java.util.function.Consumer;

/**
 * An application's own {@code CloseableHttpClient}: it sends each request by itself (here: hands
 * it to {@code send}, as httpcore's executor would see it), never through Apache's execution chain.
 * In a package of its own, as an application's class would be.
 */
public final class OwnClient extends CloseableHttpClient {

    private final Consumer<ClassicHttpRequest> send;

    public OwnClient(Consumer<ClassicHttpRequest> send) {
        this.send = send;
    }

    @Override
    protected CloseableHttpResponse doExecute(HttpHost target, ClassicHttpRequest request, HttpContext context) {
        send.accept(request);
        return null;
    }

    @Override
    public void close(CloseMode closeMode) {
    }

    @Override
    public void close() {
    }
}
