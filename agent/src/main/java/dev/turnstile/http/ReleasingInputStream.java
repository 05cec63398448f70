package dev.turnstile.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A response body that ends its {@link GatedCall} when it is read to the end, closed, or fails.
 * Written once, shared by every client whose body is an {@code InputStream}. When the call asks
 * for it ({@link GatedCall#bodyPeek()}), it copies the bytes read, which reach the application
 * unchanged.
 */
public final class ReleasingInputStream extends FilterInputStream {

    private final GatedCall call;
    /**
     * What {@link UnclosedBodies} watches for this body (the connection, the entity): while the
     * application holds this stream, that owner must not look dropped.
     */
    @SuppressWarnings({"unused", "FieldCanBeLocal"})
    private final Object owner;

    /** A body of {@code owner} (null for none), which is what {@link UnclosedBodies#watch} watches. */
    public ReleasingInputStream(InputStream body, GatedCall call, Object owner) {
        super(body);
        this.call = call;
        this.owner = owner;
    }

    @Override
    public int read() throws IOException {
        try {
            int b = super.read();
            if (b < 0) {
                call.complete();
            } else {
                BodyPeek peek = call.bodyPeek();
                if (peek != null) {
                    peek.write(b);
                }
            }
            return b;
        } catch (IOException | RuntimeException | Error e) {
            call.fail();
            throw e;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            int n = super.read(buffer, offset, length);
            if (n < 0) {
                call.complete();
            } else {
                BodyPeek peek = call.bodyPeek();
                if (peek != null) {
                    peek.write(buffer, offset, n); // a copy of what the application just got
                }
            }
            return n;
        } catch (IOException | RuntimeException | Error e) {
            call.fail();
            throw e;
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return super.skip(n);
        } catch (IOException | RuntimeException | Error e) {
            call.fail();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        // Closing early is the caller's choice, not a failure. Ended first: closing may make the
        // client fail what is left of the body before close returns.
        try {
            call.complete();
        } finally {
            super.close();
        }
    }
}
