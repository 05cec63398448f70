package dev.turnstile.apache5.library;

import dev.turnstile.http.GatedCall;
import dev.turnstile.http.ReleasingInputStream;
import dev.turnstile.http.UnclosedBodies;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A classic response body that ends its call when read to the end, written out, or closed
 * (closing the response closes its entity).
 */
final class GatedEntity extends HttpEntityWrapper {

    private final GatedCall call;

    GatedEntity(HttpEntity entity, GatedCall call) {
        super(entity);
        this.call = call;
        UnclosedBodies.watch(this, call); // its streams keep it reachable while the application reads
    }

    @Override
    public InputStream getContent() throws IOException {
        InputStream content;
        try {
            content = super.getContent();
        } catch (IOException | RuntimeException | Error e) {
            call.fail();
            throw e;
        }
        return content == null ? null : new ReleasingInputStream(content, call, this);
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        try {
            super.writeTo(out);
        } catch (IOException | RuntimeException | Error e) {
            call.fail();
            throw e;
        }
        call.complete();
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            call.complete(); // closing early is the caller's choice, not a failure
        }
    }
}
