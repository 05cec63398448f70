package dev.turnstile.apache5.library;

import dev.turnstile.http.GatedCall;
import org.apache.hc.client5.http.impl.classic.CloseableDelegate;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.io.CloseMode;

import java.io.Closeable;
import java.io.IOException;

/**
 * Closes the client's own response, then ends the call: {@code close(CloseMode.IMMEDIATE)}
 * aborts the connection without closing the entity, so the entity alone would not see it.
 */
final class ClosingDelegate implements CloseableDelegate {

    private final CloseableHttpResponse response;
    private final GatedCall call;

    ClosingDelegate(CloseableHttpResponse response, GatedCall call) {
        this.response = response;
        this.call = call;
    }

    @Override
    public void close(Closeable closeable, CloseMode closeMode) throws IOException {
        try {
            response.close(closeMode);
        } finally {
            call.complete(); // closing early is the caller's choice, not a failure
        }
    }
}
