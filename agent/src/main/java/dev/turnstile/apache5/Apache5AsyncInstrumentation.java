package dev.turnstile.apache5;

import dev.turnstile.bootstrap.Apache5Bridge;
import dev.turnstile.extension.AdvicePlan;
import dev.turnstile.extension.ClientInstrumentation;
import dev.turnstile.extension.SupportedLibrary;
import dev.turnstile.http.Gate;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Apache HttpClient 5 async, 5.3 and later (tested: 5.6.5): the async clients'
 * {@code executeImmediate}, which since 5.3 is handed the exchange's exec chain (so a deferred
 * exchange can be started later; in 5.0 to 5.2 it is not, and this family stays out), and the
 * async chain's last element per attempt. A family of its own, apart from the classic client:
 * an application on 5.0 to 5.2 keeps its classic calls gated.
 *
 * <p>Not gated: {@code MinimalHttpAsyncClient} (no exec chain to defer).
 */
public final class Apache5AsyncInstrumentation implements ClientInstrumentation {

    private static final String ASYNC = "org.apache.hc.client5.http.impl.async.";

    @Override
    public String name() {
        return "apache-httpclient5-async";
    }

    @Override
    public SupportedLibrary library() {
        return SupportedLibrary.of("Apache HttpClient async", "5.3 and later (tested: 5.6.5)",
                ASYNC + "CloseableHttpAsyncClient")
                .requiresClass(ASYNC + "InternalAbstractHttpAsyncClient")
                .requiresClass(ASYNC + "HttpAsyncMainClientExec");
    }

    @Override
    public void instrument(AdvicePlan plan) {
        plan.type(ASYNC + "InternalAbstractHttpAsyncClient")
                .advice(named("executeImmediate").and(takesArguments(5)), AsyncExecuteAdvice.class.getName());
        plan.type(ASYNC + "HttpAsyncMainClientExec", ASYNC + "H2AsyncMainClientExec")
                .advice(named("execute").and(takesArguments(5)), AsyncAttemptAdvice.class.getName());
    }

    @Override
    public void activate(Gate gate) {
        Apache5Bridge.install(new Apache5AsyncHooks(gate));
    }
}
