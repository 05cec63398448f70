package dev.turnstile.jetty;

import dev.turnstile.bootstrap.JettyBridge;
import dev.turnstile.extension.LibraryHelper;
import dev.turnstile.http.Gate;
import dev.turnstile.http.GatedCall;
import dev.turnstile.log.FailOpen;

import java.util.function.BiConsumer;

/** Behind {@link JettyBridge}: finds the {@link JettyLibrary} next to the Jetty that sends (one {@code ClassValue} look-up). */
final class JettyHooks implements JettyBridge.Hooks {

    private final Gate gate;
    private final LibraryHelper<JettyLibrary> libraries = new LibraryHelper<>(JettyLibrary.class,
            "dev.turnstile.jetty.library.JettyAdapter", "jetty-httpclient helper");

    JettyHooks(Gate gate) {
        this.gate = gate;
    }

    @Override
    public Object send(Object destination, Object request, Object listener) {
        try {
            JettyLibrary library = libraries.of(destination.getClass());
            return library == null ? null : library.send(gate, destination, request, listener);
        } catch (Throwable t) {
            FailOpen.report("jetty-httpclient send", t);
            return null;
        }
    }

    @Override
    public void sendFailed(Object call, Throwable thrown) {
        if (call instanceof GatedCall) {
            ((GatedCall) call).fail(); // nothing of Jetty's will end a call whose send threw
        }
    }

    @Override
    public void aborted(Object request) {
        withLibrary(request, "jetty-httpclient abort", JettyLibrary::aborted);
    }

    @Override
    public void responseHeaders(Object exchange) {
        withLibrary(exchange, "jetty-httpclient response", JettyLibrary::responseHeaders);
    }

    /**
     * Runs {@code action} on {@code seen} with the library next to its class, if there is one;
     * reports what it throws. The action captures nothing, so no object is made per call.
     */
    private void withLibrary(Object seen, String where, BiConsumer<JettyLibrary, Object> action) {
        try {
            JettyLibrary library = libraries.of(seen.getClass());
            if (library != null) {
                action.accept(library, seen);
            }
        } catch (Throwable t) {
            FailOpen.report(where, t);
        }
    }
}
