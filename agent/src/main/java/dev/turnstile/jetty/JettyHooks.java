package dev.turnstile.jetty;

import dev.turnstile.bootstrap.JettyBridge;
import dev.turnstile.extension.LibraryHelper;
import dev.turnstile.http.Gate;
import dev.turnstile.http.GatedCall;
import dev.turnstile.log.FailOpen;

import java.util.function.Consumer;

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
        withLibrary(request, "jetty-httpclient abort", library -> library.aborted(request));
    }

    @Override
    public void responseHeaders(Object exchange) {
        withLibrary(exchange, "jetty-httpclient response", library -> library.responseHeaders(exchange));
    }

    /** Runs {@code action} with the library next to {@code seen}'s class, if there is one; reports what it throws. */
    private void withLibrary(Object seen, String where, Consumer<JettyLibrary> action) {
        try {
            JettyLibrary library = libraries.of(seen.getClass());
            if (library != null) {
                action.accept(library);
            }
        } catch (Throwable t) {
            FailOpen.report(where, t);
        }
    }
}
