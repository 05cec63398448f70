package dev.turnstile.sockets;

import dev.turnstile.bootstrap.SocketBridge;
import dev.turnstile.extension.AdvicePlan;
import dev.turnstile.extension.ClientInstrumentation;
import dev.turnstile.extension.SupportedLibrary;
import dev.turnstile.http.Gate;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * JDK 11 and later (tested: 17, 25): watches every TCP connect, blocking sockets and NIO
 * channels, and reports a connection to a provider's host that no gated call is behind (a client
 * Turnstile does not gate). Gates nothing. A host that is no provider's costs one routing lookup.
 */
public final class SocketWatchInstrumentation implements ClientInstrumentation {

    static final String SOCKET = "java.net.Socket";
    static final String CHANNEL = "sun.nio.ch.SocketChannelImpl";

    @Override
    public String name() {
        return "ungated-connections";
    }

    @Override
    public SupportedLibrary library() {
        return SupportedLibrary.of("JDK sockets", "JDK 11 and later; tested: 17, 25", SOCKET)
                .requiresClass(CHANNEL);
    }

    @Override
    public void instrument(AdvicePlan plan) {
        plan.type(SOCKET).advice(named("connect").and(takesArguments(2)), ConnectAdvice.class.getName());
        plan.type(CHANNEL).advice(named("connect").and(takesArguments(1)), ConnectAdvice.class.getName());
    }

    @Override
    public void activate(Gate gate) {
        SocketBridge.install(new SocketHooks(gate));
    }
}
