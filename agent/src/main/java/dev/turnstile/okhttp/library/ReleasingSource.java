package dev.turnstile.okhttp.library;

import dev.turnstile.http.GatedCall;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Source;

import java.io.IOException;

/** Ends the gated call when the body is exhausted, closed, or fails to read. */
final class ReleasingSource extends ForwardingSource {

    private final GatedCall call;

    ReleasingSource(Source delegate, GatedCall call) {
        super(delegate);
        this.call = call;
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
        long read;
        try {
            read = super.read(sink, byteCount);
        } catch (IOException | RuntimeException | Error e) {
            call.fail();
            throw e;
        }
        if (read == -1) {
            call.complete();
        }
        return read;
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
