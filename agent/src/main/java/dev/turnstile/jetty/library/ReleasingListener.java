package dev.turnstile.jetty.library;

import dev.turnstile.http.GatedCall;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;

/** Ends the call when the conversation's last response completes: content consumed, failed, aborted. */
final class ReleasingListener implements Response.CompleteListener {

    private final GatedCall call;

    ReleasingListener(GatedCall call) {
        this.call = call;
    }

    @Override
    public void onComplete(Result result) {
        if (result.isFailed()) {
            call.fail(result.getFailure());
        } else {
            call.complete();
        }
    }
}
