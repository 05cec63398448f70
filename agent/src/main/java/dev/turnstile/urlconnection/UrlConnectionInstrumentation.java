package dev.turnstile.urlconnection;

import dev.turnstile.bootstrap.UrlConnectionBridge;
import dev.turnstile.extension.AdvicePlan;
import dev.turnstile.extension.ClientInstrumentation;
import dev.turnstile.extension.SupportedLibrary;
import dev.turnstile.http.Gate;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code java.net.HttpURLConnection} of JDK 11 and later (tested: 17 and 25), http and https: the
 * JDK's implementation class, which the https one only wraps (its delegate extends it).
 */
public final class UrlConnectionInstrumentation implements ClientInstrumentation {

    static final String HTTP_CONNECTION = "sun.net.www.protocol.http.HttpURLConnection";
    static final String HTTPS_DELEGATE = "sun.net.www.protocol.https.AbstractDelegateHttpsURLConnection";

    @Override
    public String name() {
        return "urlconnection";
    }

    @Override
    public SupportedLibrary library() {
        return SupportedLibrary.of("HttpURLConnection", "JDK 11 and later; tested: 17, 25", "java.net.HttpURLConnection")
                .requiresClass(HTTP_CONNECTION);
    }

    @Override
    public void instrument(AdvicePlan plan) {
        plan.type(HTTP_CONNECTION)
                .advice(named("plainConnect").and(takesArguments(0)), ConnectAdvice.class.getName())
                .advice(named("connect").and(takesArguments(0)), FailureAdvice.class.getName())
                .advice(named("getOutputStream").and(takesArguments(0)), FailureAdvice.class.getName())
                .advice(named("getInputStream").and(takesArguments(0)), InputStreamAdvice.class.getName())
                .advice(named("disconnect").and(takesArguments(0)), DisconnectAdvice.class.getName());
        plan.type(HTTPS_DELEGATE)
                .advice(named("connect").and(takesArguments(0)), FailureAdvice.class.getName());
    }

    @Override
    public void activate(Gate gate) {
        UrlConnectionBridge.install(new UrlConnectionHooks(gate));
    }

    /**
     * Loads the JDK class now, after the advice is in place: it is transformed as it is defined,
     * just after the agent starts, rather than during the application's first call.
     */
    @Override
    public void warmUp() {
        try {
            Class.forName(HTTP_CONNECTION, false, null);
        } catch (Throwable ignored) {
            // not there on this JDK: nothing to instrument, and nothing to warm up
        }
    }
}
