package dev.turnstile.jetty;

import dev.turnstile.bootstrap.JettyBridge;
import dev.turnstile.extension.AdvicePlan;
import dev.turnstile.extension.ClientInstrumentation;
import dev.turnstile.extension.SupportedLibrary;
import dev.turnstile.http.Gate;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Jetty {@code HttpClient} 12.0 and later (tested: 12.0.25, 12.1.13; 12.0 moved the
 * implementation to {@code org.eclipse.jetty.client.transport}). Three doors:
 * <ul>
 *   <li>{@code HttpDestination.send(request, listener)}, where every send meets (the blocking
 *       {@code send()}, {@code send(listener)}, and the client's own redirects and
 *       authentication retries, which share the first request's conversation): the first send of
 *       a conversation takes the slot, or is sent later when its slot is granted;</li>
 *   <li>{@code HttpReceiver.responseHeaders(exchange)}, once per response head, redirects and
 *       401s included: every attempt's status reaches the gate;</li>
 *   <li>{@code HttpRequest.abort(cause)}: a request still waiting for its slot leaves the queue.</li>
 * </ul>
 * The slot is held until the conversation's last response completes (its content consumed, a
 * failure, an abort, a closed connection).
 */
public final class JettyInstrumentation implements ClientInstrumentation {

    private static final String TRANSPORT = "org.eclipse.jetty.client.transport.";

    @Override
    public String name() {
        return "jetty-httpclient";
    }

    @Override
    public SupportedLibrary library() {
        return SupportedLibrary.of("Jetty HttpClient", "12.0 and later; tested: 12.0.25, 12.1.13",
                "org.eclipse.jetty.client.HttpClient")
                .requiresClass(TRANSPORT + "HttpConversation")
                .requiresClass(TRANSPORT + "ResponseListeners")
                .requiresMethod(TRANSPORT + "HttpRequest", "getConversation", 0)
                .requiresMethod(TRANSPORT + "HttpExchange", "getConversation", 0)
                .requiresMethod(TRANSPORT + "HttpDestination", "getHttpClient", 0);
    }

    @Override
    public void instrument(AdvicePlan plan) {
        plan.type(TRANSPORT + "HttpDestination")
                .advice(named("send").and(isPublic()).and(takesArguments(2))
                        .and(takesArgument(0, named("org.eclipse.jetty.client.Request"))), SendAdvice.class.getName());
        plan.type(TRANSPORT + "HttpRequest")
                .advice(named("abort").and(isPublic()).and(takesArguments(1)), AbortAdvice.class.getName());
        plan.type(TRANSPORT + "HttpReceiver")
                .advice(named("responseHeaders").and(takesArguments(1)), ResponseHeadersAdvice.class.getName());
    }

    @Override
    public void activate(Gate gate) {
        JettyBridge.install(new JettyHooks(gate));
    }
}
