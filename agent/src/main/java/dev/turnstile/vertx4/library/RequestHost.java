package dev.turnstile.vertx4.library;

import io.vertx.core.http.HttpClientRequest;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The host a Vert.x 4 request is for, from its {@code getHost()} (gone in Vert.x 5, whose API this
 * class is compiled against, hence the handle): a request to a host that is no provider's is then
 * let through without {@code absoluteURI()}, which builds a string per request. Null when the
 * method is not there; the door then builds the URI as before.
 */
final class RequestHost {

    private static final MethodHandle GET_HOST = getHost();

    private RequestHost() {
    }

    /** The request's host as Vert.x holds it (an IPv6 address may come in brackets), or null. */
    static String of(HttpClientRequest request) {
        if (GET_HOST == null) {
            return null;
        }
        try {
            return (String) GET_HOST.invokeExact(request);
        } catch (Throwable unreadable) {
            return null;
        }
    }

    private static MethodHandle getHost() {
        try {
            return MethodHandles.publicLookup().findVirtual(HttpClientRequest.class, "getHost",
                    MethodType.methodType(String.class));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError notVertx4) {
            return null;
        }
    }
}
