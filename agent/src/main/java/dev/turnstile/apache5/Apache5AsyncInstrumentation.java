package dev.turnstile.apache5;

import dev.turnstile.bootstrap.Apache5Bridge;
import dev.turnstile.extension.AdvicePlan;
import dev.turnstile.extension.ClientInstrumentation;
import dev.turnstile.extension.SupportedLibrary;
import dev.turnstile.http.Gate;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Apache HttpClient 5 async, 5.5 and later (tested: 5.6.5): the async clients'
 * {@code executeImmediate}, which since 5.3 is handed the exchange's exec chain (so a deferred
 * exchange can be started later; before 5.3 it is not), and the async chain's last element per
 * attempt. Its library adapter is the classic family's, which needs 5.5 (see
 * {@link Apache5Instrumentation}). A family of its own: the classic client does not depend on
 * the async client's shape, nor the other way round.
 *
 * <p>Not gated, reported: {@code MinimalHttpAsyncClient} runs an exchange straight on a leased
 * connection, with no exec chain to start later, so a queued exchange could only block; its
 * {@code leaseEndpoint(host, ...)} is advised to say, once per provider, that calls to a provider
 * went through it ungated.
 */
public final class Apache5AsyncInstrumentation implements ClientInstrumentation {

    private static final String ASYNC = "org.apache.hc.client5.http.impl.async.";

    @Override
    public String name() {
        return "apache-httpclient5-async";
    }

    @Override
    public SupportedLibrary library() {
        return SupportedLibrary.of("Apache HttpClient async", "5.5 and later; tested: 5.6.5",
                ASYNC + "CloseableHttpAsyncClient")
                .requiresClass(ASYNC + "InternalAbstractHttpAsyncClient")
                .requiresClass(ASYNC + "HttpAsyncMainClientExec")
                .requiresClass(Apache5Instrumentation.CLOSEABLE_DELEGATE);
    }

    @Override
    public void instrument(AdvicePlan plan) {
        plan.type(ASYNC + "InternalAbstractHttpAsyncClient")
                .advice(named("executeImmediate").and(takesArguments(5)), AsyncExecuteAdvice.class.getName());
        plan.type(ASYNC + "HttpAsyncMainClientExec", ASYNC + "H2AsyncMainClientExec")
                .advice(named("execute").and(takesArguments(5)), AsyncAttemptAdvice.class.getName());
        plan.type(ASYNC + "MinimalHttpAsyncClient")
                .advice(named("leaseEndpoint").and(takesArgument(0, named("org.apache.hc.core5.http.HttpHost"))),
                        MinimalLeaseAdvice.class.getName());
    }

    @Override
    public void activate(Gate gate) {
        Apache5Bridge.install(new Apache5AsyncHooks(gate));
    }
}
