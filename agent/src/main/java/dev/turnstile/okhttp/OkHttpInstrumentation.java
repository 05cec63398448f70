package dev.turnstile.okhttp;

import dev.turnstile.bootstrap.OkHttpBridge;
import dev.turnstile.extension.AdvicePlan;
import dev.turnstile.extension.ClientInstrumentation;
import dev.turnstile.extension.SupportedLibrary;
import dev.turnstile.http.Gate;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * OkHttp 3.9 and later, 4 and 5 (tested: 3.14.9, 4.12.0, 5.5.1). No interceptor is added to any
 * client: {@code RealCall.getResponseWithInterceptorChain} is advised to hold one slot per call
 * around the whole chain, and {@code CallServerInterceptor.intercept}, the chain's last link, to
 * report each attempt's status. So a client built before a dynamic attach is gated like any other,
 * and a call to a host that is no provider's runs OkHttp's chain unchanged (two interceptors of
 * ours cost every call two more chain links, measured at about 250 bytes per call).
 * {@code RealCall.enqueue} and {@code cancel} are advised so that an asynchronous call waits for
 * its slot outside OkHttp's dispatcher, and {@code execute} so that the chain advice knows when it
 * may block.
 */
public final class OkHttpInstrumentation implements ClientInstrumentation {

    /** The last interceptor of every chain: it writes the request and reads the response, once per attempt. */
    private static final String CALL_SERVER = "okhttp3.internal.http.CallServerInterceptor";
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
                .requiresClass(CALL_SERVER)
                .requiresOneOf(REAL_CALL_4, REAL_CALL_3)
                .requiresMethod(CALL_SERVER, "intercept", 1);
    }

    @Override
    public void instrument(AdvicePlan plan) {
        plan.type(CALL_SERVER)
                .advice(named("intercept").and(isPublic()).and(takesArguments(1)), AttemptAdvice.class.getName());
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
