package dev.turnstile.okhttp.library;

import dev.turnstile.http.BodyPeek;
import dev.turnstile.http.GatedCall;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Source;

import java.io.IOException;

/**
 * Ends the gated call when the body is exhausted, closed, or fails to read; when the call asks
 * for it ({@link GatedCall#bodyPeek()}), copies the bytes read, which reach the application unchanged.
 */
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
        } else if (read > 0) {
            BodyPeek peek = call.bodyPeek();
            if (peek != null && !peek.isFull()) {
                sink.copyTo(peek, sink.size() - read, read); // a copy of what the application just got
            }
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
