package dev.turnstile.observability.apps;

/** An application without Micrometer or Spring: only the JDK's HttpClient. Argument: the provider's base URL. */
public final class PlainApp {

    private PlainApp() {
    }

    public static void main(String[] args) {
        Calls.serve(args[0]);
    }
}
