package dev.turnstile.okhttp;

import dev.turnstile.bootstrap.OkHttpBridge;
import dev.turnstile.extension.AdvicePlan;
import dev.turnstile.extension.ClientInstrumentation;
import dev.turnstile.extension.SupportedLibrary;
import dev.turnstile.http.Gate;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * OkHttp 3.9 and later, 4 and 5 (tested: 3.14.9, 4.12.0, 5.5.1; 3.9 gave the interceptor chain
 * the {@code call()} ours reads). Every client is made by an {@code OkHttpClient.Builder}, whose
 * constructors add our interceptors (see {@code library.GatingInterceptor} for why an application
 * interceptor plus a network interceptor). {@code RealCall.enqueue} and {@code cancel} are advised so that an
 * asynchronous call waits for its slot outside OkHttp's dispatcher, and {@code execute} so that
 * the interceptor knows when it may block. A client built before a dynamic attach carries no
 * interceptor of ours: {@code RealCall.getResponseWithInterceptorChain} is advised so that its
 * calls are gated there, around the same span (a client with our interceptor is left to it).
 */
public final class OkHttpInstrumentation implements ClientInstrumentation {

    private static final String BUILDER = "okhttp3.OkHttpClient$Builder";
    /** The call class, as OkHttp 4 and 5 / OkHttp 3 name it. */
    private static final String REAL_CALL_4 = "okhttp3.internal.connection.RealCall";
    private static final String REAL_CALL_3 = "okhttp3.RealCall";
    /** Where a call runs its interceptor chain: OkHttp 3 / OkHttp 4 and 5 (Kotlin {@code internal}). */
    private static final String CHAIN_3 = "getResponseWithInterceptorChain";
    private static final String CHAIN_4 = "getResponseWithInterceptorChain$okhttp";

    @Override
    public String name() {
        return "okhttp";
    }

    @Override
    public SupportedLibrary library() {
        return SupportedLibrary.of("OkHttp", "3.9 and later, 4.x, 5.x; tested: 3.14.9, 4.12.0, 5.5.1",
                "okhttp3.OkHttpClient")
                .requiresClass(BUILDER)
                .requiresOneOf(REAL_CALL_4, REAL_CALL_3)
                .requiresMethod(BUILDER, "interceptors", 0)
                .requiresMethod(BUILDER, "networkInterceptors", 0)
                .requiresMethod("okhttp3.Interceptor$Chain", "call", 0);
    }

    @Override
    public void instrument(AdvicePlan plan) {
        plan.type(BUILDER)
                .advice(isConstructor(), BuilderAdvice.class.getName());
        plan.type(REAL_CALL_4, REAL_CALL_3)
                .advice(named("enqueue").and(isPublic()).and(takesArguments(1)), EnqueueAdvice.class.getName())
                .advice(named("execute").and(isPublic()).and(takesArguments(0)), ExecuteAdvice.class.getName())
                .advice(named("cancel").and(isPublic()).and(takesArguments(0)), CancelAdvice.class.getName())
                .advice(named(CHAIN_3).or(named(CHAIN_4)).and(takesArguments(0)), CallChainAdvice.class.getName());
    }

    @Override
    public void activate(Gate gate) {
        OkHttpCalls.activate(gate);
        OkHttpBridge.install(new OkHttpHooks());
    }
}
