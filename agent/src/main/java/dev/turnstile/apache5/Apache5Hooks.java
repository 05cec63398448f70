package dev.turnstile.apache5;

import dev.turnstile.agent.BlockingClientHooks;
import dev.turnstile.bootstrap.Apache5Bridge;
import dev.turnstile.http.Gate;
import dev.turnstile.log.FailOpen;

/**
 * Gates Apache HttpClient 5. Classic calls block for their slot in {@code doExecute} on the
 * caller's thread; async exchanges never block: one that must wait is started when its slot is
 * granted. Every attempt's status reaches the gate, so the client's own retry of a 429 still
 * pauses the provider.
 */
final class Apache5Hooks implements Apache5Bridge.Hooks {

    private final Gate gate;
    private final BlockingClientHooks<Apache5Library> classic;

    Apache5Hooks(Gate gate) {
        this.gate = gate;
        this.classic = new BlockingClientHooks<>(gate, "apache-httpclient5", Apache5Library.class,
                "dev.turnstile.apache5.library.Apache5Adapter");
    }

    @Override
    public Object enterClassic(Object client, Object target, Object request) {
        return classic.enter(client, target, request);
    }

    @Override
    public Object exitClassic(Object token, Object response, Throwable thrown) {
        return classic.exit(token, response, thrown);
    }

    @Override
    public void attempt(Object executor, Object response) {
        classic.attempt(response, response); // the response's loader sees the library, whatever the executor's
    }

    @Override
    public Object enterAsync(Object client, Object request, Object entityProducer, Object scope, Object chain,
                             Object callback) {
        try {
            Apache5Library library = classic.library(client.getClass());
            return library == null ? null : library.enterAsync(gate, request, entityProducer, scope, chain, callback);
        } catch (Throwable t) {
            FailOpen.report("apache-httpclient5 async execute", t);
            return null;
        }
    }

    @Override
    public void exitAsync(Object callback, Throwable thrown) {
        if (thrown != null && callback instanceof GatedExchange) {
            ((GatedExchange) callback).notStarted();
        }
    }

    @Override
    public Object attemptCallback(Object exec, Object scope, Object callback) {
        try {
            Apache5Library library = classic.library(exec.getClass());
            return library == null ? callback : library.attemptCallback(scope, callback);
        } catch (Throwable t) {
            FailOpen.report("apache-httpclient5 async attempt", t);
            return callback;
        }
    }
}
