package dev.turnstile.vertx.library;

import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.net.HostAndPort;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The host a Vert.x 5 request is for, read from the request's authority. Vert.x only offers it
 * inside {@code absoluteURI()}, which builds a string per request; a request to a host that is no
 * provider's should cost nothing, so the door reads the field itself. Null when the field cannot
 * be read (another Vert.x, a request of another class): the door then builds the URI as before.
 */
final class RequestHost {

    private static final MethodHandle AUTHORITY = authorityGetter();

    private RequestHost() {
    }

    /** The request's host as Vert.x holds it (an IPv6 address may come in brackets), or null. */
    static String of(HttpClientRequest request) {
        if (AUTHORITY == null) {
            return null;
        }
        try {
            HostAndPort authority = (HostAndPort) AUTHORITY.invokeExact((Object) request);
            return authority == null ? null : authority.host();
        } catch (Throwable notOurs) {
            return null; // not a HttpClientRequestBase: the caller reads the URI
        }
    }

    private static MethodHandle authorityGetter() {
        try {
            Class<?> base = Class.forName("io.vertx.core.http.impl.HttpClientRequestBase", false,
                    HttpClientRequest.class.getClassLoader());
            return MethodHandles.privateLookupIn(base, MethodHandles.lookup())
                    .findGetter(base, "authority", HostAndPort.class)
                    .asType(MethodType.methodType(HostAndPort.class, Object.class));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unknownShape) {
            return null;
        }
    }
}
