package dev.turnstile.apache5;

import dev.turnstile.bootstrap.Apache5Bridge;
import dev.turnstile.extension.LibraryHelper;
import dev.turnstile.http.Gate;
import dev.turnstile.log.FailOpen;

/**
 * Gates Apache HttpClient 5's async exchanges, which never block: one that must wait is started
 * when its slot is granted. Every attempt's status reaches the gate, so the client's own retry of
 * a 429 still pauses the provider.
 */
final class Apache5AsyncHooks implements Apache5Bridge.Hooks {

    private final Gate gate;
    private final LibraryHelper<Apache5Library> libraries = new LibraryHelper<>(Apache5Library.class,
            "dev.turnstile.apache5.library.Apache5Adapter", "apache-httpclient5-async helper");

    Apache5AsyncHooks(Gate gate) {
        this.gate = gate;
    }

    @Override
    public Object enterAsync(Object client, Object request, Object entityProducer, Object scope, Object chain,
                             Object callback) {
        try {
            Apache5Library library = libraries.of(client.getClass());
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
            Apache5Library library = libraries.of(exec.getClass());
            return library == null ? callback : library.attemptCallback(scope, callback);
        } catch (Throwable t) {
            FailOpen.report("apache-httpclient5 async attempt", t);
            return callback;
        }
    }
}
