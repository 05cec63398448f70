package dev.turnstile.okhttp.library;

import dev.turnstile.http.GatedCall;
import dev.turnstile.http.UnclosedBodies;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import okio.Okio;

/** The application's response body, unchanged, read through a {@link ReleasingSource}. */
final class ReleasingResponseBody extends ResponseBody {

    private final ResponseBody delegate;
    private final BufferedSource source;

    ReleasingResponseBody(ResponseBody delegate, GatedCall call) {
        this.delegate = delegate;
        ReleasingSource releasing = new ReleasingSource(delegate.source(), call);
        UnclosedBodies.watch(releasing, call); // every way to the bytes (source, byteStream, string) goes through it
        this.source = Okio.buffer(releasing);
    }

    @Override
    public MediaType contentType() {
        return delegate.contentType();
    }

    @Override
    public long contentLength() {
        return delegate.contentLength();
    }

    @Override
    public BufferedSource source() {
        return source;
    }

    @Override
    public void close() {
        try {
            source.close();
        } catch (java.io.IOException | RuntimeException ignored) {
            // closing quietly, as OkHttp's own body does; the source released the slot
        }
    }
}
