package dev.turnstile.sockets;

import dev.turnstile.bootstrap.SocketBridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code Socket.connect(SocketAddress, int)} and
 * {@code SocketChannelImpl.connect(SocketAddress)}, where blocking sockets, TLS sockets and NIO
 * channels (Netty's too) open their connections.
 */
public final class ConnectAdvice {

    private ConnectAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) Object address) {
        SocketBridge.connecting(address);
    }
}
