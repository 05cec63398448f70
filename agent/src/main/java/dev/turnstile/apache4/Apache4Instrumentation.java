package dev.turnstile.apache4;

import dev.turnstile.agent.AdvicePlan;
import dev.turnstile.agent.ClientInstrumentation;
import dev.turnstile.bootstrap.Apache4Bridge;
import dev.turnstile.http.Gate;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** Apache HttpClient 4 (4.3+): the clients' {@code doExecute}, and httpcore's request executor per attempt. */
public final class Apache4Instrumentation implements ClientInstrumentation {

    private static final String CLIENT = "org.apache.http.impl.client.";

    @Override
    public String name() {
        return "apache-httpclient4";
    }

    @Override
    public String probeClass() {
        return "org.apache.http.impl.client.CloseableHttpClient";
    }

    @Override
    public void instrument(AdvicePlan plan) {
        plan.type(CLIENT + "InternalHttpClient", CLIENT + "MinimalHttpClient", CLIENT + "AbstractHttpClient")
                .advice(named("doExecute").and(takesArguments(3)).and(not(isAbstract())), ExecuteAdvice.class.getName());
        plan.type("org.apache.http.protocol.HttpRequestExecutor")
                .advice(named("execute").and(takesArguments(3)), AttemptAdvice.class.getName());
    }

    @Override
    public Class<?>[] bridges() {
        return new Class<?>[] {Apache4Bridge.class};
    }

    @Override
    public void activate(Gate gate) {
        Apache4Bridge.install(new Apache4Hooks(gate));
    }
}
