package dev.turnstile.vertx4;

import dev.turnstile.http.Gate;

/**
 * What the hooks need done with Vert.x 4's own types. Implemented in {@code dev.turnstile.vertx4.library},
 * defined next to the library by the helper loader; arguments are the library's objects, typed
 * {@code Object} here. See {@code Vertx4Bridge.Hooks} for when each is called.
 */
public interface Vertx4Library {

    boolean beforeWrite(Gate gate, Object request, Object context, Object buffer, boolean end, boolean connect,
                        Object handler);

    void onResponse(Object request, Object response);

    void onResponseEnd(Object response);

    void onFailure(Object request);

    void onReset(Object request);
}
