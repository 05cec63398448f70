package dev.turnstile.jdkhttp;

import dev.turnstile.agent.AdvicePlan;
import dev.turnstile.agent.ClientInstrumentation;
import dev.turnstile.bootstrap.JdkHttpBridge;
import dev.turnstile.http.Gate;

import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/** {@code java.net.http.HttpClient}: one private method where send and sendAsync meet. */
public final class JdkHttpInstrumentation implements ClientInstrumentation {

    @Override
    public String name() {
        return "jdk-httpclient";
    }

    @Override
    public String probeClass() {
        return "java.net.http.HttpClient";
    }

    @Override
    public void instrument(AdvicePlan plan) {
        plan.type("jdk.internal.net.http.HttpClientImpl")
                .advice(named("sendAsync").and(isPrivate()).and(takesArguments(4)), SendAsyncAdvice.class.getName());
    }

    @Override
    public Class<?>[] bridges() {
        return new Class<?>[] {JdkHttpBridge.class};
    }

    @Override
    public void activate(Gate gate) {
        JdkHttpBridge.install(new JdkHttpHooks(gate));
    }
}
