package dev.turnstile.vertx4.library;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The request's own methods a deferred write needs, found by name once: the private
 * {@code doWrite} to write it, the package-private {@code handleException} to fail it as the
 * client fails a request, and {@code reset(code, cause)}. Vert.x lives in an unnamed module, so
 * they are accessible.
 */
final class RequestMethods {

    private volatile Method doWrite;
    private volatile Method handleException;
    private volatile Method reset;

    /** Makes {@code write} as the request would have at once. */
    void write(Object request, PendingWrite write) throws Exception {
        Object[] arguments = write.arguments();
        Method method = doWrite;
        if (method == null) {
            method = doWrite = declared(request.getClass(), "doWrite", arguments.length);
        }
        try {
            method.invoke(request, arguments);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw cause instanceof Exception ? (Exception) cause : e;
        }
    }

    /** Fails the request with {@code why}, as the client fails one (its response future hears {@code why}), then resets it. */
    void fail(Object request, Throwable why) {
        try {
            Method method = handleException;
            if (method == null) {
                method = handleException = declared(request.getClass(), "handleException", 1);
            }
            method.invoke(request, why);
        } catch (ReflectiveOperationException | RuntimeException ignored) {
            // the reset below still fails it
        }
        try {
            Method method = reset;
            if (method == null) {
                method = reset = request.getClass().getMethod("reset", long.class, Throwable.class);
            }
            method.invoke(request, 0L, why);
        } catch (ReflectiveOperationException | RuntimeException ignored) {
            // already reset, or gone: nothing more to tell
        }
    }

    /** The method of {@code type} or a superclass, made accessible. */
    private static Method declared(Class<?> type, String name, int parameters) throws NoSuchMethodException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.getName().equals(name) && method.getParameterCount() == parameters) {
                    method.setAccessible(true);
                    return method;
                }
            }
        }
        throw new NoSuchMethodException(type.getName() + "." + name);
    }
}
