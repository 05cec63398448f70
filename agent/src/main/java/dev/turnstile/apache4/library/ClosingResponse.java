package dev.turnstile.apache4.library;

import dev.turnstile.http.GatedCall;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** Stands in for an HttpClient 4 response: everything goes to it, and its {@code close()} also ends the call. */
final class ClosingResponse implements InvocationHandler {

    private final Object response;
    private final GatedCall call;

    ClosingResponse(Object response, GatedCall call) {
        this.response = response;
        this.call = call;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            switch (method.getName()) {
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                default:
                    return response.toString();
            }
        }
        boolean close = "close".equals(method.getName()) && method.getParameterCount() == 0;
        try {
            return method.invoke(response, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            if (close) {
                call.complete(); // closing early is the caller's choice, not a failure
            }
        }
    }
}
