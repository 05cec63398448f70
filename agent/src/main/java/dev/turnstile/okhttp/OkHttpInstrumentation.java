package dev.turnstile.okhttp;

import dev.turnstile.agent.AdvicePlan;
import dev.turnstile.agent.ClientInstrumentation;
import dev.turnstile.bootstrap.OkHttpBridge;
import dev.turnstile.http.Gate;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * OkHttp 3, 4 and 5. Every client is made by an {@code OkHttpClient.Builder}, whose constructors
 * add our interceptors (see {@code library.GatingInterceptor} for why an application interceptor
 * plus a network interceptor). {@code RealCall.enqueue} and {@code cancel} are advised so that an
 * asynchronous call waits for its slot outside OkHttp's dispatcher, and {@code execute} so that
 * the interceptor knows when it may block.
 */
public final class OkHttpInstrumentation implements ClientInstrumentation {

    @Override
    public String name() {
        return "okhttp";
    }

    @Override
    public String probeClass() {
        return "okhttp3.OkHttpClient";
    }

    @Override
    public void instrument(AdvicePlan plan) {
        plan.type("okhttp3.OkHttpClient$Builder")
                .advice(isConstructor(), BuilderAdvice.class.getName());
        // OkHttp 4 and 5 / OkHttp 3
        plan.type("okhttp3.internal.connection.RealCall", "okhttp3.RealCall")
                .advice(named("enqueue").and(isPublic()).and(takesArguments(1)), EnqueueAdvice.class.getName())
                .advice(named("execute").and(isPublic()).and(takesArguments(0)), ExecuteAdvice.class.getName())
                .advice(named("cancel").and(isPublic()).and(takesArguments(0)), CancelAdvice.class.getName());
    }

    @Override
    public Class<?>[] bridges() {
        return new Class<?>[] {OkHttpBridge.class};
    }

    @Override
    public void activate(Gate gate) {
        OkHttpCalls.activate(gate);
        OkHttpBridge.install(new OkHttpHooks());
    }
}
