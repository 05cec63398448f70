package dev.turnstile.vertx;

import dev.turnstile.bootstrap.VertxBridge;
import dev.turnstile.extension.AdvicePlan;
import dev.turnstile.extension.ClientInstrumentation;
import dev.turnstile.extension.SupportedLibrary;
import dev.turnstile.http.Gate;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Vert.x core's {@code HttpClient} 5.0 and later (tested: 5.0.7), and so the Vert.x {@code WebClient}
 * over it: one slot per request (tested over HTTP/1.1, and over HTTP/2, h2c and h2, whose streams use the same
 * request class: the limit and a 429's pause). The
 * request's first write (its head) waits for the slot without blocking; the response's end or
 * any failure of the request ends the call (a success when the application reset it after the
 * response head: it stopped reading). Vert.x 4.x, whose write tells a completion handler instead of
 * returning a future, is the {@code vertx4-httpclient} family's: this one steps aside there.
 */
public final class VertxInstrumentation implements ClientInstrumentation {

    private static final String IMPL = "io.vertx.core.http.impl.";

    @Override
    public String name() {
        return "vertx-httpclient";
    }

    @Override
    public SupportedLibrary library() {
        // HttpClientAgent came with 5.0; a deferred request is failed through its handleException.
        // TimeoutStream is Vert.x 3 and 4's, gone in 5: the vertx4-httpclient family gates 4.5.
        return SupportedLibrary.of("Vert.x HttpClient", "5.0 and later; tested: 5.0.7", "io.vertx.core.http.HttpClientAgent")
                .stepsAsideWhere("io.vertx.core.TimeoutStream")
                .requiresClass("io.vertx.core.http.HttpClientAgent")
                .requiresMethod(IMPL + "HttpClientRequestImpl", "handleException", 1);
    }

    @Override
    public void instrument(AdvicePlan plan) {
        plan.type(IMPL + "HttpClientRequestImpl")
                .advice(named("doWrite").and(takesArguments(3)), WriteAdvice.class.getName())
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
        VertxBridge.install(new VertxHooks(gate));
    }
}
