package dev.turnstile.http;

import dev.turnstile.config.BackoffConfig;
import dev.turnstile.core.CallRequest;
import dev.turnstile.core.Outcome;
import dev.turnstile.core.Permit;
import dev.turnstile.core.PermitFuture;
import dev.turnstile.core.QueueTimeoutException;
import dev.turnstile.core.SlotScheduler;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;

/**
 * One HTTP call through the gate, from waiting for its slot to the end of its response body.
 * Client integrations call, in order: {@link #acquire()} or {@link #acquireAsync()}; then
 * {@link #onResponse} for every response (attempt) they see; then exactly one of
 * {@link #complete()} (body ended or closed) or {@link #fail()} (error, cancel). Extra ends are
 * harmless: the slot is released once.
 */
public final class GatedCall {

    private final SlotScheduler scheduler;
    private final CallRequest request;
    private final BackoffConfig backoff;
    /** Every call that got its slot at once shares this start: complete, so nothing can change it. */
    private static final CompletableFuture<Void> STARTED_AT_ONCE = CompletableFuture.completedFuture(null);
    private static final VarHandle ENDED;

    static {
        try {
            ENDED = MethodHandles.lookup().findVarHandle(GatedCall.class, "ended", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Set once, by {@link #end} ({@link #ENDED}: a field, not an {@code AtomicBoolean} per call). */
    private volatile boolean ended;
    private volatile Permit permit;
    private volatile PermitFuture pending;
    /** A copy of the start of a back-off answer's body whose headers gave no hint; null otherwise. */
    private volatile BodyPeek peek;
    /** Whether the provider answered (any status): a later failure is then no sign of overload. */
    private volatile boolean answeredOnce;
    /** Whether the whole response body arrived (see {@link #markBodyReceived}). */
    private volatile boolean bodyReceived;

    GatedCall(SlotScheduler scheduler, CallRequest request, BackoffConfig backoff) {
        this.scheduler = scheduler;
        this.request = request;
        this.backoff = backoff;
    }

    public String providerId() {
        return request.provider();
    }

    /**
     * Waits for the slot on the calling thread.
     *
     * @throws InterruptedIOException when interrupted while queued (the interrupt flag stays set)
     * @throws IOException            when the queue timeout passes; the message says why
     */
    public void acquire() throws IOException {
        try {
            permit = scheduler.acquire(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException failure = new InterruptedIOException(e.getMessage());
            failure.initCause(e);
            throw failure;
        } catch (QueueTimeoutException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Asks for the slot without blocking. The future completes when the slot is granted (the
     * call may start), or with an {@link IOException} after the queue timeout. Cancelling it
     * while queued withdraws the call.
     */
    public CompletableFuture<Void> acquireAsync() {
        PermitFuture future = scheduler.acquireAsync(request);
        if (future.isDone() && !future.isCompletedExceptionally()) {
            permit = future.join(); // the usual case, a slot free at once: no dependent stage to build
            return ended ? endedBeforeGrant(permit) : STARTED_AT_ONCE;
        }
        pending = future;
        CompletableFuture<Void> started = new CompletableFuture<Void>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                future.cancel(mayInterruptIfRunning);
                return super.cancel(mayInterruptIfRunning);
            }
        };
        future.whenComplete((granted, error) -> {
            if (error == null) {
                permit = granted;
                if (ended || !started.complete(null)) {
                    granted.release(Outcome.FAILURE); // ended or cancelled before the grant arrived
                }
            } else {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                started.completeExceptionally(cause instanceof QueueTimeoutException
                        ? new IOException(cause.getMessage(), cause) : cause);
            }
        });
        return started;
    }

    /** The call ended while its slot was being granted: the slot goes back, and the start is cancelled. */
    private static CompletableFuture<Void> endedBeforeGrant(Permit granted) {
        granted.release(Outcome.FAILURE);
        CompletableFuture<Void> cancelled = new CompletableFuture<>();
        cancelled.cancel(false);
        return cancelled;
    }

    /**
     * A response (or one attempt's response) arrived. A back-off status pauses the provider for
     * as long as the provider asked (or by backoff); a success that says a request or token
     * budget is nearly spent pauses until that budget's reset (see {@link BudgetHeaders}). An
     * overload status (502, 503, 504) counts toward the provider's overload breaker; any other
     * answer starts its count over, and closes it when this call is its probe.
     *
     * <p>A back-off status whose hints all say "now" ({@code Retry-After: 0}, a date already
     * past, most often a clock apart from ours) pauses by backoff, as if it had no hint: the
     * status itself says "not now", and without a pause every queued call would go at once
     * into the same wall, 429 after 429. The OpenAI and Anthropic SDKs read such a hint so too.
     */
    public void onResponse(int status, HeaderLookup headers) {
        Permit current = permit;
        if (current == null || !current.isGated()) {
            return;
        }
        answeredOnce = true;
        if (backoff.pausesOn(status)) {
            RateLimitHints hints = RateLimitHeaders.read(headers, System.currentTimeMillis());
            current.rateLimited(hints.delayMillis() > 0 ? hints.delayMillis() : -1);
            if (hints.delayMillis() <= 0) {
                peek = new BodyPeek(); // the hint may be in the body (Gemini): see it as the application reads it
            }
        } else if (status < 400) {
            SpentBudget spent = BudgetHeaders.read(headers, System.currentTimeMillis());
            if (spent.isSpent()) {
                current.budgetSpent(spent.resetMillis(), spent.reason());
            }
            if (current.countsTokens()) {
                peek = BodyPeek.forUsage(); // the token budget learns what the answer really used
            }
        }
        // After the pauses above: an answered probe closes the breaker and lets the queue go.
        if (OverloadSignals.isOverloadStatus(status, backoff)) {
            current.overloaded("HTTP " + status);
        } else {
            current.answered();
        }
    }

    /**
     * Where a body wrapper copies the bytes the application reads, when this call's answer was
     * a back-off status without a header hint, or a success whose provider has a token budget;
     * null otherwise (the usual case: copy nothing).
     */
    public BodyPeek bodyPeek() {
        return peek;
    }

    /**
     * The last byte of the response body arrived, before the client's own subscriber hears of it.
     * From here on, cancelling the exchange can only do harm: the client may already have handed
     * its connection to the next request (see {@code jdkhttp.GatedResponse}).
     */
    public void markBodyReceived() {
        bodyReceived = true;
    }

    /** Whether {@link #markBodyReceived} was called. */
    public boolean bodyReceived() {
        return bodyReceived;
    }

    /** The response body ended or was closed. */
    public void complete() {
        end(Outcome.SUCCESS);
    }

    /** The call failed or was cancelled. */
    public void fail() {
        end(Outcome.FAILURE);
    }

    /**
     * The call failed with {@code error}. Before any answer, a refused or reset connection or a
     * timeout counts toward the provider's overload breaker (see {@link OverloadSignals}).
     */
    public void fail(Throwable error) {
        Permit current = permit;
        if (current != null && error != null && !answeredOnce && !ended) {
            String cause = OverloadSignals.causeOf(error);
            if (cause != null) {
                current.overloaded(cause);
            }
        }
        end(Outcome.FAILURE);
    }

    /**
     * The application dropped the response body without closing it (see {@link UnclosedBodies}).
     * True when this freed a slot, false when the call had ended already or held none.
     */
    boolean abandon() {
        return end(Outcome.ABANDONED);
    }

    private boolean end(Outcome outcome) {
        if (!ENDED.compareAndSet(this, false, true)) {
            return false;
        }
        Permit current = permit;
        if (current != null) {
            applyBodyHint(current);
            return current.release(outcome);
        } else {
            PermitFuture future = pending;
            if (future != null) {
                future.cancel(false); // ended before its slot came: leave the queue
            }
            return false;
        }
    }

    /**
     * A retry delay found in the peeked body lengthens the pause the status began (never shortens
     * it); a usage found there corrects the token budget's estimate.
     */
    private void applyBodyHint(Permit current) {
        BodyPeek seen = peek;
        if (seen != null) {
            peek = null;
            long tokens = seen.tokensUsed();
            if (tokens >= 0) {
                current.tokensUsed(tokens);
            }
            long delay = seen.retryDelayMillis();
            if (delay > 0) {
                current.retryHint(delay, "rate limited; the provider's body (google.rpc.RetryInfo retryDelay) asked to wait "
                        + delay + " ms");
            }
        }
    }

    public boolean isEnded() {
        return ended;
    }

    @Override
    public String toString() {
        return "GatedCall{" + request + ", permit=" + permit + ", ended=" + ended + '}';
    }
}
