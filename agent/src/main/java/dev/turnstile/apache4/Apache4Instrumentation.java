package dev.turnstile.apache4;

import dev.turnstile.extension.AdvicePlan;
import dev.turnstile.extension.ClientInstrumentation;
import dev.turnstile.extension.SupportedLibrary;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Apache HttpClient 4.3 and later (tested: 4.5.14), through the shared blocking door: the
 * clients' {@code doExecute}, and httpcore's request executor per attempt. 4.3 brought
 * {@code CloseableHttpClient} and the {@code doExecute} every {@code execute} meets in.
 */
public final class Apache4Instrumentation implements ClientInstrumentation {

    private static final String CLIENT = "org.apache.http.impl.client.";

    @Override
    public String name() {
        return "apache-httpclient4";
    }

    @Override
    public SupportedLibrary library() {
        return SupportedLibrary.of("Apache HttpClient", "4.3 and later; tested: 4.5.14", CLIENT + "CloseableHttpClient")
                .requiresClass(CLIENT + "CloseableHttpClient")
                .requiresClass("org.apache.http.protocol.HttpRequestExecutor");
    }

    @Override
    public void instrument(AdvicePlan plan) {
        plan.blockingClient("dev.turnstile.apache4.library.Apache4Adapter")
                .execute(named("doExecute").and(takesArguments(3)).and(not(isAbstract())),
                        CLIENT + "InternalHttpClient", CLIENT + "MinimalHttpClient", CLIENT + "AbstractHttpClient")
                .attempt(named("execute").and(takesArguments(3)), "org.apache.http.protocol.HttpRequestExecutor");
    }
}
