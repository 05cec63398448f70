package dev.turnstile.apache5;

import dev.turnstile.bootstrap.Apache5Bridge;
import dev.turnstile.extension.LibraryHelper;
import dev.turnstile.http.Gate;
import dev.turnstile.http.UngatedClients;
import dev.turnstile.log.FailOpen;

import java.net.URI;

/**
 * Gates Apache HttpClient 5's async exchanges, which never block: one that must wait is started
 * when its slot is granted. Every attempt's status reaches the gate, so the client's own retry of
 * a 429 still pauses the provider.
 */
final class Apache5AsyncHooks implements Apache5Bridge.Hooks {

    private final Gate gate;
    private final UngatedClients ungated;
    private final LibraryHelper<Apache5Library> libraries = new LibraryHelper<>(Apache5Library.class,
            "dev.turnstile.apache5.library.Apache5Adapter", "apache-httpclient5-async helper");

    Apache5AsyncHooks(Gate gate) {
        this.gate = gate;
        this.ungated = new UngatedClients(gate);
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

    /**
     * {@code MinimalHttpAsyncClient} runs an exchange straight on a leased connection, with no
     * execution chain that could be started later, so a queued call could only block, which an
     * async client must never do: it is reported instead, once per provider.
     */
    @Override
    public void ungatedLease(Object client, Object host) {
        try {
            URI target = URI.create(String.valueOf(host)); // HttpHost prints as scheme://host:port
            ungated.reached(client.getClass().getName(), target.getScheme(), target.getHost(), target.getPort(),
                    "it runs each exchange straight on a connection, with no execution chain Turnstile can hold "
                            + "until a slot is free; a client from HttpAsyncClients.custom() or createDefault() is gated");
        } catch (Throwable t) {
            FailOpen.report("apache-httpclient5 minimal async lease", t);
        }
    }
}
