package dev.turnstile.vertx;

import dev.turnstile.bootstrap.VertxBridge;
import dev.turnstile.extension.LibraryHelper;
import dev.turnstile.http.Gate;
import dev.turnstile.log.FailOpen;

/**
 * Gates Vert.x's HTTP client requests, which run on an event loop and so never block: a request
 * that must wait is written when its slot is granted, on its own context.
 */
final class VertxHooks implements VertxBridge.Hooks {

    private final Gate gate;
    private final LibraryHelper<VertxLibrary> libraries = new LibraryHelper<>(VertxLibrary.class,
            "dev.turnstile.vertx.library.VertxAdapter", "vertx-httpclient helper");

    VertxHooks(Gate gate) {
        this.gate = gate;
    }

    @Override
    public Object beforeWrite(Object request, Object context, Object buffer, boolean end, boolean connect) {
        try {
            VertxLibrary library = libraries.of(request.getClass());
            return library == null ? null : library.beforeWrite(gate, request, context, buffer, end, connect);
        } catch (Throwable t) {
            FailOpen.report("vertx-httpclient write", t);
            return null;
        }
    }

    @Override
    public void onResponse(Object request, Object response) {
        try {
            VertxLibrary library = libraries.of(request.getClass());
            if (library != null) {
                library.onResponse(request, response);
            }
        } catch (Throwable t) {
            FailOpen.report("vertx-httpclient response", t);
        }
    }

    @Override
    public void onResponseEnd(Object response) {
        try {
            VertxLibrary library = libraries.of(response.getClass());
            if (library != null) {
                library.onResponseEnd(response);
            }
        } catch (Throwable t) {
            FailOpen.report("vertx-httpclient response end", t);
        }
    }

    @Override
    public void onFailure(Object request) {
        try {
            VertxLibrary library = libraries.of(request.getClass());
            if (library != null) {
                library.onFailure(request);
            }
        } catch (Throwable t) {
            FailOpen.report("vertx-httpclient failure", t);
        }
    }

    @Override
    public void onReset(Object request) {
        try {
            VertxLibrary library = libraries.of(request.getClass());
            if (library != null) {
                library.onReset(request);
            }
        } catch (Throwable t) {
            FailOpen.report("vertx-httpclient reset", t);
        }
    }
}
