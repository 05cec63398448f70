package dev.turnstile.console.it.support;

import dev.turnstile.console.connect.Connector;
import dev.turnstile.console.connect.Target;
import dev.turnstile.console.web.Session;
import dev.turnstile.console.web.WebConsole;

import java.net.InetAddress;

/** A web console in this JVM on a free loopback port, for one target. */
public final class Console implements AutoCloseable {

    public static final String TOKEN = "test-token-0123456789abcdef";

    public final WebConsole web;

    public Console(String target) {
        web = WebConsole.start(new Session(Target.parse(target), new Connector()), InetAddress.getLoopbackAddress(), 0,
                TOKEN);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + web.port() + path;
    }

    @Override
    public void close() {
        web.close();
    }
}
