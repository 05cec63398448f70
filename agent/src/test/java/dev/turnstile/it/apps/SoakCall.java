package dev.turnstile.it.apps;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The kinds of call the soak mixes, each with the path that makes the {@code SoakServer} behave
 * so, and the outcomes an application would expect from it. An outcome outside those is a bug
 * (ours, or a client's that the soak must name).
 */
enum SoakCall {

    /** A short JSON answer. */
    OK(40, "ok-200"),
    /** A short stream read to its end. */
    STREAM(25, "ok-200"),
    /** A slower stream: holds its slot for a few hundred milliseconds. */
    SLOW_STREAM(2, "ok-200"),
    /** 429 with a short {@code retry-after-ms}: pauses the provider; the 429 reaches the application. */
    RATE_LIMITED(1, "status-429"),
    /** The connection is reset before the answer. */
    RESET(4, "io-error"),
    /** The stream is cut off (reset) in the middle. */
    CUT(4, "io-error"),
    /** The server goes silent past the client's read timeout. */
    STALL(1, "io-error"),
    /** Blocking only: the application reads a few bytes of a stream and closes it. */
    EARLY_CLOSE(6, "ok-200"),
    /**
     * Blocking only: the caller is interrupted a moment after it called, mostly while queued.
     * Apache 5 classic reports an interrupt during its own connection lease as a
     * {@code CancellationException}, agent or not.
     */
    INTERRUPT(6, "ok-200", "interrupted", "cancelled"),
    /** Async only: cancelled a moment after it was sent, mostly while queued. */
    CANCEL_QUEUED(6, "ok-200", "cancelled"),
    /** Async only: a longer stream cancelled at a random time, queued or in flight. */
    CANCEL_LATE(6, "ok-200", "cancelled");

    /** Relative frequency. */
    final int weight;
    private final String[] expected;

    SoakCall(int weight, String... expected) {
        this.weight = weight;
        this.expected = expected;
    }

    boolean isBlockingOnly() {
        return this == EARLY_CLOSE || this == INTERRUPT;
    }

    boolean isAsyncOnly() {
        return this == CANCEL_QUEUED || this == CANCEL_LATE;
    }

    /** The path and query for this kind; {@code headersOnlyTimeout}: the client's timeout ends with the headers. */
    String path(Random random, boolean headersOnlyTimeout) {
        switch (this) {
            case OK:
                return "/ok?delayMs=" + random.nextInt(10);
            case STREAM:
                return "/stream?events=" + (1 + random.nextInt(4)) + "&delayMs=" + random.nextInt(6);
            case SLOW_STREAM:
                return "/stream?events=" + (3 + random.nextInt(5)) + "&delayMs=" + (30 + random.nextInt(50));
            case RATE_LIMITED:
                return "/ratelimit?retryAfterMs=" + (10 + random.nextInt(90));
            case RESET:
                return "/reset";
            case CUT:
                return "/cut?events=" + (1 + random.nextInt(3));
            case STALL:
                return headersOnlyTimeout ? "/stall-headers" : "/stall";
            case EARLY_CLOSE:
                return "/stream?events=20&delayMs=5";
            case INTERRUPT:
                return "/stream?events=3&delayMs=5";
            case CANCEL_QUEUED:
                return "/ok?delayMs=5";
            case CANCEL_LATE:
                return "/stream?events=20&delayMs=10";
            default:
                throw new AssertionError(this);
        }
    }

    boolean expects(String outcome) {
        for (String e : expected) {
            if (e.equals(outcome)) {
                return true;
            }
        }
        return false;
    }

    /** A random kind among those {@code blocking} (or async) calls may take. */
    static SoakCall pick(Random random, boolean blocking) {
        int total = 0;
        for (SoakCall kind : values()) {
            total += eligible(kind, blocking) ? kind.weight : 0;
        }
        int r = random.nextInt(total);
        for (SoakCall kind : values()) {
            if (eligible(kind, blocking)) {
                r -= kind.weight;
                if (r < 0) {
                    return kind;
                }
            }
        }
        throw new AssertionError();
    }

    private static boolean eligible(SoakCall kind, boolean blocking) {
        return blocking ? !kind.isAsyncOnly() : !kind.isBlockingOnly();
    }

    /** The outcome of a call that answered. */
    static String ofStatus(int status) {
        return status == 200 ? "ok-200" : "status-" + status;
    }

    /** The outcome of a call that threw: the class of failure an application would tell apart. */
    static String ofFailure(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof CancellationException) {
            return "cancelled";
        }
        if (isInterrupt(t)) {
            return "interrupted";
        }
        if (t instanceof IOException) {
            return "io-error";
        }
        return "unexpected " + t.getClass().getName();
    }

    /**
     * An interrupt as the clients report it: the queue's {@code InterruptedIOException}, the JDK
     * client's {@code InterruptedException}, or an I/O error caused by one. A read timeout is an
     * {@code InterruptedIOException} too, but not an interrupt.
     */
    private static boolean isInterrupt(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof InterruptedException || c instanceof ClosedByInterruptException) {
                return true;
            }
            if (c instanceof InterruptedIOException && !(c instanceof java.net.SocketTimeoutException)
                    && String.valueOf(c.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("interrupt")) {
                return true;
            }
        }
        return false;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
