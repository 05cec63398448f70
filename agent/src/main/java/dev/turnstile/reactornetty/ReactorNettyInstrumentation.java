package dev.turnstile.reactornetty;

import dev.turnstile.bootstrap.ReactorNettyBridge;
import dev.turnstile.extension.AdvicePlan;
import dev.turnstile.extension.ClientInstrumentation;
import dev.turnstile.extension.SupportedLibrary;
import dev.turnstile.http.Gate;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Reactor Netty's {@code HttpClient}, 1.1 and later on Netty 4.1 or 4.2 (tested: 1.1.26 on Netty
 * 4.1, 1.3.7 on Netty 4.2; the shape it needs, {@code HttpClientResponse.trailerHeaders()}, came
 * in 1.0.12), and so Spring's {@code WebClient} over {@code ReactorClientHttpConnector}. One
 * door: {@code HttpClientConnect.connect()}, whose {@code Mono} every response method subscribes
 * once per exchange (a {@code retry()} subscribes again: another attempt, gated again). Nothing
 * blocks: an exchange that must wait subscribes to the connection only when its slot is granted.
 *
 * <p>Not gated: a request whose URI is given as a {@code Mono} ({@code uri(Mono)}) or relative
 * without a {@code baseUrl}: its host is not known before the connection is made.
 */
public final class ReactorNettyInstrumentation implements ClientInstrumentation {

    private static final String CLIENT = "reactor.netty.http.client.";

    @Override
    public String name() {
        return "reactor-netty";
    }

    @Override
    public SupportedLibrary library() {
        return SupportedLibrary.of("Reactor Netty HttpClient", "1.1 and later; tested: 1.1.26 (Netty 4.1), 1.3.7 (Netty 4.2)",
                CLIENT + "HttpClient")
                .requiresClass(CLIENT + "HttpClientConfig")
                .requiresMethod(CLIENT + "HttpClientResponse", "trailerHeaders", 0)
                .requiresMethod("reactor.netty.Connection", "onTerminate", 0);
    }

    @Override
    public void instrument(AdvicePlan plan) {
        plan.type(CLIENT + "HttpClientConnect")
                .advice(named("connect").and(takesArguments(0)), ConnectAdvice.class.getName());
    }

    @Override
    public void activate(Gate gate) {
        ReactorNettyBridge.install(new ReactorNettyHooks(gate));
    }
}
