package dev.turnstile.sockets;

import dev.turnstile.bootstrap.SocketBridge;
import dev.turnstile.http.Gate;
import dev.turnstile.http.UngatedConnections;

import java.net.InetSocketAddress;

/** Hands each connection's host, as written (never a DNS lookup), to {@link UngatedConnections}. */
final class SocketHooks implements SocketBridge.Hooks {

    private final UngatedConnections connections;

    SocketHooks(Gate gate) {
        this.connections = new UngatedConnections(gate);
    }

    @Override
    public void connecting(Object address) {
        if (address instanceof InetSocketAddress) {
            InetSocketAddress target = (InetSocketAddress) address;
            connections.connecting(target.getHostString(), target.getPort(), CallerStack::name);
        }
    }
}
