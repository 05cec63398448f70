package dev.turnstile.vertx4;

import dev.turnstile.bootstrap.Vertx4Bridge;
import dev.turnstile.extension.LibraryHelper;
import dev.turnstile.http.Gate;
import dev.turnstile.log.FailOpen;

/**
 * Gates Vert.x 4's HTTP client requests, which run on an event loop and so never block: a request
 * that must wait is written when its slot is granted, on its own context.
 */
final class Vertx4Hooks implements Vertx4Bridge.Hooks {

    private final Gate gate;
    private final LibraryHelper<Vertx4Library> libraries = new LibraryHelper<>(Vertx4Library.class,
            "dev.turnstile.vertx4.library.Vertx4Adapter", "vertx4-httpclient helper");

    Vertx4Hooks(Gate gate) {
        this.gate = gate;
    }

    @Override
    public boolean beforeWrite(Object request, Object context, Object buffer, boolean end, boolean connect,
                               Object handler) {
        try {
            Vertx4Library library = libraries.of(request.getClass());
            return library != null && library.beforeWrite(gate, request, context, buffer, end, connect, handler);
        } catch (Throwable t) {
            FailOpen.report("vertx4-httpclient write", t);
            return false;
        }
    }

    @Override
    public void onResponse(Object request, Object response) {
        try {
            Vertx4Library library = libraries.of(request.getClass());
            if (library != null) {
                library.onResponse(request, response);
            }
        } catch (Throwable t) {
            FailOpen.report("vertx4-httpclient response", t);
        }
    }

    @Override
    public void onResponseEnd(Object response) {
        try {
            Vertx4Library library = libraries.of(response.getClass());
            if (library != null) {
                library.onResponseEnd(response);
            }
        } catch (Throwable t) {
            FailOpen.report("vertx4-httpclient response end", t);
        }
    }

    @Override
    public void onFailure(Object request) {
        try {
            Vertx4Library library = libraries.of(request.getClass());
            if (library != null) {
                library.onFailure(request);
            }
        } catch (Throwable t) {
            FailOpen.report("vertx4-httpclient failure", t);
        }
    }

    @Override
    public void onReset(Object request) {
        try {
            Vertx4Library library = libraries.of(request.getClass());
            if (library != null) {
                library.onReset(request);
            }
        } catch (Throwable t) {
            FailOpen.report("vertx4-httpclient reset", t);
        }
    }
}
