package dev.turnstile.jdkhttp;

import dev.turnstile.bootstrap.JdkHttpBridge;
import dev.turnstile.extension.AdvicePlan;
import dev.turnstile.extension.ClientInstrumentation;
import dev.turnstile.extension.SupportedLibrary;
import dev.turnstile.http.Gate;

import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code java.net.http.HttpClient} of JDK 11 and later (tested: 17 and 25): one private method of
 * its implementation, where {@code send} and both {@code sendAsync} meet.
 */
public final class JdkHttpInstrumentation implements ClientInstrumentation {

    private static final String CLIENT = "jdk.internal.net.http.HttpClientImpl";

    @Override
    public String name() {
        return "jdk-httpclient";
    }

    @Override
    public SupportedLibrary library() {
        return SupportedLibrary.of("JDK HttpClient", "JDK 11 and later; tested: 17, 25", "java.net.http.HttpClient")
                .requiresClass(CLIENT);
    }

    @Override
    public void instrument(AdvicePlan plan) {
        plan.type(CLIENT)
                .advice(named("sendAsync").and(isPrivate()).and(takesArguments(4)), SendAsyncAdvice.class.getName());
    }

    @Override
    public void activate(Gate gate) {
        JdkHttpBridge.install(new JdkHttpHooks(gate));
    }
}
