package dev.turnstile.apache5.library;

import dev.turnstile.http.DeferredExchange;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

/**
 * An async exchange that waited for its slot: granted, it goes down the execution chain as it
 * would have at once; not started, its callback fails as the client fails an exchange that cannot
 * start (its future then fails too).
 */
final class DeferredStart implements DeferredExchange.Client {

    private final GatedExecCallback gated;
    private final HttpRequest request;
    private final AsyncEntityProducer entityProducer;
    private final AsyncExecChain.Scope scope;
    private final AsyncExecChain chain;

    DeferredStart(GatedExecCallback gated, HttpRequest request, AsyncEntityProducer entityProducer,
                  AsyncExecChain.Scope scope, AsyncExecChain chain) {
        this.gated = gated;
        this.request = request;
        this.entityProducer = entityProducer;
        this.scope = scope;
        this.chain = chain;
    }

    @Override
    public void start() throws HttpException, IOException {
        if (scope.cancellableDependency.isCancelled()) {
            gated.failed(new CancellationException("Request execution cancelled")); // just before our withdraw
            return;
        }
        chain.proceed(request, entityProducer, scope, gated);
    }

    @Override
    public void fail(Throwable why) {
        gated.failed(why instanceof Exception ? (Exception) why : new CompletionException(why));
    }
}
