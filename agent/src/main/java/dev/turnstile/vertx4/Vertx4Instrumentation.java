package dev.turnstile.vertx4;

import dev.turnstile.bootstrap.Vertx4Bridge;
import dev.turnstile.extension.AdvicePlan;
import dev.turnstile.extension.ClientInstrumentation;
import dev.turnstile.extension.SupportedLibrary;
import dev.turnstile.http.Gate;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Vert.x core's {@code HttpClient} 4.5 (tested: 4.5.22), and so the Vert.x {@code WebClient} over
 * it and the clients built on it (Quarkus 3's REST client): one slot per request. The request's
 * first write (its head) waits for the slot without blocking; the response's end or any failure
 * of the request ends the call (a success when the application reset it after the response head:
 * it stopped reading). Vert.x 5 has the same classes with another write; the
 * {@code vertx-httpclient} family gates it, and this one steps aside there.
 */
public final class Vertx4Instrumentation implements ClientInstrumentation {

    private static final String IMPL = "io.vertx.core.http.impl.";

    @Override
    public String name() {
        return "vertx4-httpclient";
    }

    @Override
    public SupportedLibrary library() {
        // HostAndPort came with 4.5; HttpClientAgent with 5.0, whose write returns a future.
        return SupportedLibrary.of("Vert.x HttpClient", "4.5.x; tested: 4.5.22", "io.vertx.core.TimeoutStream")
                .stepsAsideWhere("io.vertx.core.http.HttpClientAgent")
                .requiresClass("io.vertx.core.net.HostAndPort")
                .requiresMethod(IMPL + "HttpClientRequestImpl", "handleException", 1);
    }

    @Override
    public void instrument(AdvicePlan plan) {
        plan.type(IMPL + "HttpClientRequestImpl")
                .advice(named("doWrite").and(takesArguments(4)), WriteAdvice.class.getName())
                .advice(named("handleResponse").and(takesArguments(3)), ResponseAdvice.class.getName());
        plan.type(IMPL + "HttpClientRequestBase")
                .advice(named("fail").and(takesArguments(1)), FailureAdvice.class.getName())
                .advice(named("reset").and(isPublic()).and(takesArguments(1).or(takesArguments(2))),
                        ResetAdvice.class.getName());
        plan.type(IMPL + "HttpClientResponseImpl")
                .advice(named("handleEnd").and(takesArguments(1)), ResponseEndAdvice.class.getName());
    }

    @Override
    public void activate(Gate gate) {
        Vertx4Bridge.install(new Vertx4Hooks(gate));
    }
}
