package dev.turnstile.http;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A copy of the first {@link #LIMIT} bytes of a response body, taken as the application reads
 * them: the body wrappers hand each chunk here after (or, for buffers, without) consuming it, so
 * the application still reads every byte, unchanged and in order. Bytes beyond the limit are
 * not kept. An {@code OutputStream} so that an Okio buffer can copy into it.
 */
public final class BodyPeek extends OutputStream {

    /** Enough for any error body with a retry hint; more is not kept. */
    public static final int LIMIT = 8 * 1024;

    // A lock, not a monitor: no agent code on a call path enters a monitor (virtual threads).
    private final ReentrantLock lock = new ReentrantLock();
    private final byte[] bytes = new byte[LIMIT];
    private int length; // guarded by lock

    @Override
    public void write(int b) {
        lock.lock();
        try {
            if (length < LIMIT) {
                bytes[length++] = (byte) b;
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void write(byte[] b, int offset, int count) {
        lock.lock();
        try {
            int n = Math.min(count, LIMIT - length);
            if (n > 0 && offset >= 0 && offset + n <= b.length) {
                System.arraycopy(b, offset, bytes, length, n);
                length += n;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Copies the buffer's remaining bytes (up to the limit) without moving its position. */
    public void write(ByteBuffer buffer) {
        lock.lock();
        try {
            int n = Math.min(buffer.remaining(), LIMIT - length);
            if (n > 0) {
                buffer.duplicate().get(bytes, length, n);
                length += n;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether the limit is reached: further bytes need not be offered. */
    public boolean isFull() {
        lock.lock();
        try {
            return length >= LIMIT;
        } finally {
            lock.unlock();
        }
    }

    /** The retry delay of a {@code google.rpc.RetryInfo} in the bytes so far; -1 when none. */
    long retryDelayMillis() {
        lock.lock();
        try {
            return RetryInfoBody.retryDelayMillis(bytes, length);
        } finally {
            lock.unlock();
        }
    }
}
