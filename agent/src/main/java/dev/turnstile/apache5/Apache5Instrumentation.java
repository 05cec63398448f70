package dev.turnstile.apache5;

import dev.turnstile.agent.AdvicePlan;
import dev.turnstile.agent.ClientInstrumentation;
import dev.turnstile.bootstrap.Apache5Bridge;
import dev.turnstile.http.Gate;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Apache HttpClient 5: the classic clients' {@code doExecute}, the async clients'
 * {@code executeImmediate}, and one per-attempt point each (httpcore5's blocking request
 * executor; the async chain's last element).
 *
 * <p>Not gated: {@code MinimalHttpAsyncClient} (no exec chain to defer) and application
 * subclasses of {@code CloseableHttpClient} that do not reach the built-in clients.
 */
public final class Apache5Instrumentation implements ClientInstrumentation {

    private static final String CLASSIC = "org.apache.hc.client5.http.impl.classic.";
    private static final String ASYNC = "org.apache.hc.client5.http.impl.async.";

    @Override
    public String name() {
        return "apache-httpclient5";
    }

    @Override
    public String probeClass() {
        return "org.apache.hc.client5.http.impl.classic.CloseableHttpClient";
    }

    @Override
    public void instrument(AdvicePlan plan) {
        plan.type(CLASSIC + "InternalHttpClient", CLASSIC + "MinimalHttpClient")
                .advice(named("doExecute").and(takesArguments(3)), ClassicExecuteAdvice.class.getName());
        plan.type("org.apache.hc.core5.http.impl.io.HttpRequestExecutor")
                .advice(named("execute").and(takesArguments(4)), ClassicAttemptAdvice.class.getName());
        plan.type(ASYNC + "InternalAbstractHttpAsyncClient")
                .advice(named("executeImmediate").and(takesArguments(5)), AsyncExecuteAdvice.class.getName());
        plan.type(ASYNC + "HttpAsyncMainClientExec", ASYNC + "H2AsyncMainClientExec")
                .advice(named("execute").and(takesArguments(5)), AsyncAttemptAdvice.class.getName());
    }

    @Override
    public Class<?>[] bridges() {
        return new Class<?>[] {Apache5Bridge.class};
    }

    @Override
    public void activate(Gate gate) {
        Apache5Bridge.install(new Apache5Hooks(gate));
    }
}
