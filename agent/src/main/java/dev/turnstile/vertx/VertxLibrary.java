package dev.turnstile.vertx;

import dev.turnstile.http.Gate;

/**
 * What the hooks need done with Vert.x's own types. Implemented in {@code dev.turnstile.vertx.library},
 * defined next to the library by the helper loader; arguments are the library's objects, typed
 * {@code Object} here. See {@code VertxBridge.Hooks} for when each is called.
 */
public interface VertxLibrary {

    Object beforeWrite(Gate gate, Object request, Object context, Object buffer, boolean end, boolean connect);

    void onResponse(Object request, Object response);

    void onResponseEnd(Object response);

    void onFailure(Object request);

    void onReset(Object request);
}
