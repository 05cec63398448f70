package dev.turnstile.okhttp.library;

import dev.turnstile.http.GatedCall;
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
        this.source = Okio.buffer(new ReleasingSource(delegate.source(), call));
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
