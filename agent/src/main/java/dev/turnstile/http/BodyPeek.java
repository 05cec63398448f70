package dev.turnstile.http;

import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * A copy of the first {@link #LIMIT} bytes of a response body, taken as the application reads
 * them: the body wrappers hand each chunk here after (or, for buffers, without) consuming it, so
 * the application still reads every byte, unchanged and in order. Bytes beyond the limit are
 * not kept. An {@code OutputStream} so that an Okio buffer can copy into it.
 */
public final class BodyPeek extends OutputStream {

    /** Enough for any error body with a retry hint; more is not kept. */
    public static final int LIMIT = 8 * 1024;

    private final byte[] bytes = new byte[LIMIT];
    private int length;

    @Override
    public synchronized void write(int b) {
        if (length < LIMIT) {
            bytes[length++] = (byte) b;
        }
    }

    @Override
    public synchronized void write(byte[] b, int offset, int count) {
        int n = Math.min(count, LIMIT - length);
        if (n > 0 && offset >= 0 && offset + n <= b.length) {
            System.arraycopy(b, offset, bytes, length, n);
            length += n;
        }
    }

    /** Copies the buffer's remaining bytes (up to the limit) without moving its position. */
    public synchronized void write(ByteBuffer buffer) {
        int n = Math.min(buffer.remaining(), LIMIT - length);
        if (n > 0) {
            buffer.duplicate().get(bytes, length, n);
            length += n;
        }
    }

    /** Whether the limit is reached: further bytes need not be offered. */
    public synchronized boolean isFull() {
        return length >= LIMIT;
    }

    /** The retry delay of a {@code google.rpc.RetryInfo} in the bytes so far; -1 when none. */
    synchronized long retryDelayMillis() {
        return RetryInfoBody.retryDelayMillis(bytes, length);
    }
}
