package dev.turnstile.jetty.library;

import dev.turnstile.http.GatedCall;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;

import java.nio.channels.AsynchronousCloseException;

/**
 * Ends the call when the conversation's last response completes: content consumed (success),
 * failed or aborted (failure). A body the application closed after the response head is a
 * success, as an early close is on every client: it stopped reading by choice.
 */
final class ReleasingListener implements Response.CompleteListener {

    private final GatedCall call;

    ReleasingListener(GatedCall call) {
        this.call = call;
    }

    @Override
    public void onComplete(Result result) {
        if (!result.isFailed() || closedByTheApplication(result)) {
            call.complete();
        } else {
            call.fail(result.getFailure());
        }
    }

    /**
     * True when the response's head had come and the rest failed because the application closed
     * the body: Jetty's {@code InputStreamResponseListener} fails what is left with an
     * {@link AsynchronousCloseException} when its stream is closed early.
     */
    static boolean closedByTheApplication(Result result) {
        if (result.getResponse() == null || result.getResponse().getStatus() <= 0) {
            return false;
        }
        for (Throwable cause = result.getFailure(); cause != null; cause = cause.getCause()) {
            if (cause instanceof AsynchronousCloseException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
