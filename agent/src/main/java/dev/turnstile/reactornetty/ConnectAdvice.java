package dev.turnstile.reactornetty;

import dev.turnstile.bootstrap.ReactorNettyBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined at the exit of {@code HttpClientConnect.connect()}, which every way of sending a request
 * ({@code response}, {@code responseContent}, {@code responseSingle}, {@code responseConnection},
 * so Spring's {@code ReactorClientHttpConnector} too) calls once when it builds its publisher.
 * Nothing is sent yet: the returned {@code Mono} is replaced by one that is gated on each
 * subscription.
 */
public final class ConnectAdvice {

    private ConnectAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object client,
                            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object connect) {
        connect = ReactorNettyBridge.connect(client, connect);
    }
}
