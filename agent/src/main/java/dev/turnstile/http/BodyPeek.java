package dev.turnstile.http;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A copy of the first {@link #LIMIT} bytes of a response body, taken as the application reads
 * them: the body wrappers hand each chunk here after (or, for buffers, without) consuming it, so
 * the application still reads every byte, unchanged and in order. Bytes beyond the limit are
 * not kept. An {@code OutputStream} so that an Okio buffer can copy into it.
 *
 * <p>{@link #forUsage()} makes a peek that keeps no bytes but hands every one to a
 * {@link UsageScanner}, for a provider with a token budget: it is never full.
 */
public final class BodyPeek extends OutputStream {

    /** Enough for any error body with a retry hint; more is not kept. */
    public static final int LIMIT = 8 * 1024;

    // A lock, not a monitor: no agent code on a call path enters a monitor (virtual threads).
    private final ReentrantLock lock = new ReentrantLock();
    private final byte[] bytes;
    private final UsageScanner usage; // guarded by lock; null for a retry hint peek
    private int length; // guarded by lock

    /** A peek at the start of a back-off answer, for its retry hint. */
    public BodyPeek() {
        this.bytes = new byte[LIMIT];
        this.usage = null;
    }

    private BodyPeek(UsageScanner usage) {
        this.bytes = new byte[0];
        this.usage = usage;
    }

    /** A peek through a whole answer for the tokens it used; keeps no bytes. */
    public static BodyPeek forUsage() {
        return new BodyPeek(new UsageScanner());
    }

    @Override
    public void write(int b) {
        lock.lock();
        try {
            if (usage != null) {
                usage.feed((byte) b);
            } else if (length < LIMIT) {
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
            if (usage != null) {
                if (count > 0 && offset >= 0 && offset + count <= b.length) {
                    usage.feed(b, offset, count);
                }
                return;
            }
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
            if (usage != null) {
                for (int i = buffer.position(); i < buffer.limit(); i++) {
                    usage.feed(buffer.get(i)); // absolute reads: the position does not move
                }
                return;
            }
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
            return usage == null && length >= LIMIT;
        } finally {
            lock.unlock();
        }
    }

    /** The tokens the answer said it used so far (see {@link UsageScanner}); -1 when none, or not a usage peek. */
    long tokensUsed() {
        lock.lock();
        try {
            return usage == null ? -1 : usage.tokens();
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
