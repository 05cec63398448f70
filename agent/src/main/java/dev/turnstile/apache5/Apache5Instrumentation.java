package dev.turnstile.apache5;

import dev.turnstile.extension.AdvicePlan;
import dev.turnstile.extension.ClientInstrumentation;
import dev.turnstile.extension.SupportedLibrary;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Apache HttpClient 5 classic, 5.5 and later (tested: 5.6.5), through the shared blocking door:
 * the classic clients' {@code doExecute}, and httpcore5's blocking request executor per attempt.
 * The async client is {@link Apache5AsyncInstrumentation}.
 *
 * <p>Why 5.5: the library adapter hands the application a response that ends the call when
 * closed, made with {@code CloseableHttpResponse.create(response, CloseableDelegate)} of 5.5. On
 * an older 5.x the adapter cannot even be loaded (5.1.3 fails on the missing
 * {@code CloseableDelegate}), so the family stays out of it, said once at start, rather than
 * failing at the first call. The rest of the family fits 5.0 and later.
 *
 * <p>Not gated, but reported by the shared attempt door (httpcore's executor reached with no gated
 * call on the thread): application subclasses of {@code CloseableHttpClient} that do not
 * hand their calls to a built-in client (one that does, a decorator, is gated there). Their
 * {@code doExecute} is their own, and planned classes are matched by exact name, never by
 * supertype, so that a class being loaded is never parsed.
 */
public final class Apache5Instrumentation implements ClientInstrumentation {

    private static final String CLASSIC = "org.apache.hc.client5.http.impl.classic.";
    /** Of 5.5: what the library adapter needs to load (see the class comment). */
    static final String CLOSEABLE_DELEGATE = CLASSIC + "CloseableDelegate";

    @Override
    public String name() {
        return "apache-httpclient5";
    }

    @Override
    public SupportedLibrary library() {
        return SupportedLibrary.of("Apache HttpClient", "5.5 and later; tested: 5.6.5", CLASSIC + "CloseableHttpClient")
                .requiresClass(CLASSIC + "InternalHttpClient")
                .requiresClass("org.apache.hc.core5.http.impl.io.HttpRequestExecutor")
                .requiresClass(CLOSEABLE_DELEGATE);
    }

    @Override
    public void instrument(AdvicePlan plan) {
        plan.blockingClient("dev.turnstile.apache5.library.Apache5Adapter")
                .execute(named("doExecute").and(takesArguments(3)), CLASSIC + "InternalHttpClient", CLASSIC + "MinimalHttpClient")
                .attempt(named("execute").and(takesArguments(4)), "org.apache.hc.core5.http.impl.io.HttpRequestExecutor");
    }
}
